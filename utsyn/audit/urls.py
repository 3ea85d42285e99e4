from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("history/", views.log_list, name="log"),
    path("bin/", views.bin_list, name="bin"),
    path("bin/<int:pk>/restore/", views.bin_restore, name="restore"),
]
