from django.urls import path

from aanbod.beheer.bulk import views

urlpatterns = [
    path("import/", views.ImportStartView.as_view(), name="import"),
    path("import/<int:pk>/koppelen/", views.KoppelenView.as_view(), name="import_koppelen"),
    path("import/<int:pk>/voorbeeld/", views.VoorbeeldView.as_view(), name="import_voorbeeld"),
    path("import/<int:pk>/resultaat/", views.ResultaatView.as_view(), name="import_resultaat"),
    path("export/", views.ExportView.as_view(), name="export"),
]
