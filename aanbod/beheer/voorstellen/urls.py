from django.urls import path

from aanbod.beheer.voorstellen import views

urlpatterns = [
    path("voorstellen/", views.VoorstellenView.as_view(), name="voorstellen"),
    path("voorstellen/<int:pk>/", views.VoorstelView.as_view(), name="voorstel"),
    path("mijn-aanbod/", views.MijnAanbodView.as_view(), name="mijn_aanbod"),
    path("mijn-aanbod/<slug:slug>/bewerken/", views.MijnAanbodBewerkenView.as_view(), name="mijn_aanbod_bewerken"),
    path("mijn-aanbod/<slug:slug>/capaciteit/", views.CapaciteitView.as_view(), name="capaciteit"),
    path(
        "mijn-aanbod/<slug:slug>/voorstel-intrekken/", views.VoorstelIntrekkenView.as_view(), name="voorstel_intrekken"
    ),
    path("aanbod/<slug:slug>/bewerken/", views.AanbodBewerkenView.as_view(), name="aanbod_bewerken"),
    path("aanbod/<slug:slug>/historiek/", views.HistoriekView.as_view(), name="historiek"),
    path(
        "aanbod/<slug:slug>/historiek/<int:versie>/terugzetten/",
        views.TerugzettenView.as_view(),
        name="terugzetten",
    ),
]
