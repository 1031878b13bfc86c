from django.urls import path

from aanbod.beheer.hiaten.views import HiatenRapportPdfView, HiatenView

urlpatterns = [
    path("", HiatenView.as_view(), name="hiaten"),
    path("rapport.pdf", HiatenRapportPdfView.as_view(), name="hiaten_pdf"),
]
