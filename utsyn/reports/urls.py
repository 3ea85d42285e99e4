from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_index, name="index"),
    path("reports/jobs/<int:pk>/", views.job_detail, name="job"),
    path("reports/jobs/<int:pk>/download/", views.job_download, name="download"),
    path("reports/<slug:report>/", views.report_show, name="show"),
    path("reports/<slug:report>/build/", views.report_build, name="build"),
    path("reports/<slug:report>/texts/", views.report_texts, name="texts"),
]
