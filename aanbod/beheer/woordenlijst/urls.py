from django.urls import path, register_converter

from aanbod.beheer.woordenlijst import views
from aanbod.beheer.woordenlijst.services import VOCABULARIA


class VocabulariumConverter:
    """Only the four vocabularies match, so /woordenlijst/<soort>/ never shadows another page."""

    regex = "|".join(VOCABULARIA)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(VocabulariumConverter, "vocabularium")

urlpatterns = [
    path("woordenlijst/", views.BegrippenView.as_view(), name="woordenlijst"),
    path("woordenlijst/begrippen/nieuw/", views.BegripView.as_view(), name="woordenlijst_begrip_nieuw"),
    path("woordenlijst/begrippen/<int:pk>/", views.BegripView.as_view(), name="woordenlijst_begrip"),
    path("woordenlijst/ondersteuningsvormen/", views.VormenView.as_view(), name="woordenlijst_vormen"),
    path("woordenlijst/ondersteuningsvormen/<slug:slug>/", views.VormView.as_view(), name="woordenlijst_vorm"),
    path("woordenlijst/<vocabularium:soort>/", views.VocabulariumView.as_view(), name="woordenlijst_vocabularium"),
    path("woordenlijst/<vocabularium:soort>/nieuw/", views.WaardeView.as_view(), name="woordenlijst_waarde_nieuw"),
    path("woordenlijst/<vocabularium:soort>/<int:pk>/", views.WaardeView.as_view(), name="woordenlijst_waarde"),
    path(
        "woordenlijst/<vocabularium:soort>/<int:pk>/actief/",
        views.WaardeActiefView.as_view(),
        name="woordenlijst_waarde_actief",
    ),
    path(
        "woordenlijst/<vocabularium:soort>/<int:pk>/verwijderen/",
        views.WaardeVerwijderenView.as_view(),
        name="woordenlijst_waarde_verwijderen",
    ),
]
