"""URL wiring: HTML pages of the apps and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Sociale kaart — beheer"
admin.site.site_title = "Sociale kaart"
admin.site.index_title = "Beheer van de catalogus"

urlpatterns = [
    path("aanmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/doorverwijzingen/", include("doorverwijzing.api.urls")),
    path("api/v1/", include("aanbod.api.urls")),
    path("api/hsds/", include("aanbod.hsds.urls")),
    path("doorverwijzingen/", include("doorverwijzing.urls")),
    path("beheer/", include("aanbod.beheer.urls")),
    path("", include("aanbod.urls")),
]

handler404 = "sociale_kaart.views.niet_gevonden"
handler500 = "sociale_kaart.views.serverfout"
