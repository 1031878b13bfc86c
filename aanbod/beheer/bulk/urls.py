from django.urls import path

from aanbod.beheer.placeholder import nog_niet

urlpatterns = [
    path("import/", nog_niet, name="import"),
    path("export/", nog_niet, name="export"),
]
