from django.urls import path

from doorverwijzing import views

app_name = "doorverwijzing"

urlpatterns = [
    path("<uuid:uuid>/", views.DoorverwijzingDetailView.as_view(), name="detail"),
]
