from django.urls import path

from aanbod.beheer.placeholder import nog_niet

urlpatterns = [
    path("voorstellen/", nog_niet, name="voorstellen"),
    path("mijn-aanbod/", nog_niet, name="mijn_aanbod"),
]
