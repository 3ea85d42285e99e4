from django.urls import path

from . import views

app_name = "costs"

urlpatterns = [
    path("costs/", views.current_year, name="current_year"),
    path("costs/<int:year>/", views.overview, name="overview"),
    path("costs/<int:year>/<str:table>.<str:fmt>", views.export, name="export"),
]
