from django.urls import path

from aanbod.beheer.placeholder import nog_niet

urlpatterns = [
    path("", nog_niet, name="hiaten"),
]
