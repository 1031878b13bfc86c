from django.urls import path

from aanbod.beheer.placeholder import nog_niet

urlpatterns = [
    path("", nog_niet, name="start"),
    path("werklijst/", nog_niet, name="werklijst"),
    path("meldingen/", nog_niet, name="meldingen"),
]
