from django.urls import path

from . import views

app_name = "accessibility"

urlpatterns = [
    path("accessibility/", views.organisation_statement, name="statement"),
]
