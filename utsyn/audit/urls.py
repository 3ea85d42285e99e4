from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("history/", views.log_list, name="log"),
    path("history/export.<str:fmt>", views.log_export, name="log_export"),
    path("bin/", views.bin_list, name="bin"),
    path("bin/export.<str:fmt>", views.bin_export, name="bin_export"),
    path("bin/<int:pk>/restore/", views.bin_restore, name="restore"),
]
