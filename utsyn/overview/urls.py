from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("sdgs/", views.sdg_coverage, name="sdg_coverage"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("published/plans/<int:pk>/", views.public_plan, name="public_plan"),
]
