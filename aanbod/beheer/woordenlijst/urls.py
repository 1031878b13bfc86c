from django.urls import path

from aanbod.beheer.placeholder import nog_niet

urlpatterns = [
    path("woordenlijst/", nog_niet, name="woordenlijst"),
]
