from django.urls import path

from aanbod.beheer.actualiteit import views

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("werklijst/", views.WerklijstView.as_view(), name="werklijst"),
    path("aanbod/<slug:slug>/controleren/", views.ControlerenView.as_view(), name="controleren"),
    path("meldingen/", views.MeldingenView.as_view(), name="meldingen"),
    path("meldingen/<int:pk>/", views.MeldingView.as_view(), name="melding"),
    # No login: the signed token is the credential (confirmation e-mails to organisations).
    path("bevestigen/<str:token>/", views.BevestigenView.as_view(), name="bevestigen"),
    path("bevestigen/<str:token>/aanpassen/", views.BevestigenAanpassenView.as_view(), name="bevestigen_aanpassen"),
]
