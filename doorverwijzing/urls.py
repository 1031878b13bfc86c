from django.urls import path

from doorverwijzing import views

app_name = "doorverwijzing"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("nieuw/<slug:aanbod_slug>/", views.WarmDoorverwijzenView.as_view(), name="nieuw"),
    path("statistiek/", views.StatistiekView.as_view(), name="statistiek"),
    path("<uuid:uuid>/", views.DoorverwijzingDetailView.as_view(), name="detail"),
    path("<uuid:uuid>/export.json", views.DoorverwijzingExportView.as_view(), name="export"),
    path("<uuid:uuid>/export.pdf", views.DoorverwijzingExportPdfView.as_view(), name="export_pdf"),
    path("<uuid:uuid>/overdracht/", views.OverdrachtView.as_view(), name="overdracht"),
    path("<uuid:uuid>/controleren/", views.ControlerenView.as_view(), name="controleren"),
    path("<uuid:uuid>/bericht/", views.BerichtView.as_view(), name="bericht"),
    path("<uuid:uuid>/terugkoppeling/", views.TerugkoppelingView.as_view(), name="terugkoppeling"),
    path("<uuid:uuid>/terugkoppeling-vragen/", views.TerugkoppelingVragenView.as_view(), name="terugkoppeling_vragen"),
    # Last: the action names (constants.Actie) never collide with the paths above.
    path("<uuid:uuid>/<str:actie>/", views.OvergangView.as_view(), name="overgang"),
]
