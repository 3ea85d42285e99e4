from django.urls import path

from . import views

app_name = "sdgs"

urlpatterns = [
    path("sdgs/", views.coverage, name="coverage"),
]
