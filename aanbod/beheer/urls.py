"""/beheer/: one URL module per task of the curation workspace, all in the ``beheer`` namespace."""

from django.urls import include, path

app_name = "beheer"

urlpatterns = [
    path("", include("aanbod.beheer.actualiteit.urls")),
    path("", include("aanbod.beheer.voorstellen.urls")),
    path("", include("aanbod.beheer.bulk.urls")),
    path("", include("aanbod.beheer.woordenlijst.urls")),
    path("hiaten/", include("aanbod.beheer.hiaten.urls")),
]
