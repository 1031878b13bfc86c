"""URL wiring: HTML pages of the apps and the admin."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Sociale kaart — beheer"
admin.site.site_title = "Sociale kaart"
admin.site.index_title = "Beheer van de catalogus"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("aanbod.urls")),
]
