"""URL wiring: HTML pages of the apps and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from sociale_kaart import beveiliging, gezondheid

admin.site.site_header = "Sociale kaart — beheer"
admin.site.site_title = "Sociale kaart"
admin.site.index_title = "Beheer van de catalogus"

urlpatterns = [
    # Probes for load balancers (docs/operations.md): no session, no login, no CSRF.
    path("healthz", gezondheid.healthz, name="healthz"),
    path("readyz", gezondheid.readyz, name="readyz"),
    # One login page for everyone (lockout and the second step live there; docs/security.md).
    path("aanmelden/", beveiliging.AanmeldView.as_view(), name="login"),
    path("aanmelden/tweede-stap/", beveiliging.TweedeStapView.as_view(), name="tweestaps_controle"),
    path("account/tweestapsverificatie/", beveiliging.TweestapsInstellenView.as_view(), name="tweestaps_instellen"),
    path(
        "account/tweestapsverificatie/uitschakelen/",
        beveiliging.TweestapsUitschakelenView.as_view(),
        name="tweestaps_uitschakelen",
    ),
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
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
