from django.urls import path

from aanbod import views

app_name = "aanbod"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("zoeken/", views.ZoekView.as_view(), name="zoeken"),
    path("zoeken/ontbreekt/", views.AanbodOntbreektView.as_view(), name="ontbreekt"),
    path("plaatsen/", views.PlaatsSuggestieView.as_view(), name="plaatsen"),
    path("aanbod/<slug:slug>/", views.AanbodDetailView.as_view(), name="aanbod"),
    path("aanbod/<slug:slug>/melden/", views.AanbodMeldenView.as_view(), name="melden"),
    path("organisaties/<slug:slug>/", views.OrganisatieDetailView.as_view(), name="organisatie"),
    path("ondersteuningsvormen/", views.OndersteuningsvormListView.as_view(), name="ondersteuningsvormen"),
    path("ondersteuningsvormen/<slug:slug>/", views.OndersteuningsvormDetailView.as_view(), name="ondersteuningsvorm"),
    path("zones/", views.ZoneListView.as_view(), name="zones"),
    path("zones/<slug:slug>/", views.ZoneDetailView.as_view(), name="zone"),
    path("zones/<slug:slug>/gids.pdf", views.GidsView.as_view(), name="gids"),
    path("begrippen/", views.BegripListView.as_view(), name="begrippen"),
    path("mantelzorg/", views.WegwijzerStartView.as_view(), name="wegwijzer"),
    path("mantelzorg/stap/<int:stap>/", views.WegwijzerStapView.as_view(), name="wegwijzer_stap"),
    path("mantelzorg/resultaat/", views.WegwijzerResultaatView.as_view(), name="wegwijzer_resultaat"),
]
