from django.urls import path

from aanbod import views

app_name = "aanbod"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
