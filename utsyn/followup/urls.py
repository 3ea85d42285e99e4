from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("rounds/", views.round_list, name="list"),
    path("rounds/export.<str:fmt>", views.round_list_export, name="list_export"),
    path("rounds/new/", views.round_form, name="create"),
    path("rounds/<int:pk>/", views.round_detail, name="detail"),
    path("rounds/<int:pk>/edit/", views.round_form, name="edit"),
    path("rounds/<int:pk>/close/", views.round_close, name="close"),
    path("rounds/<int:pk>/remind/", views.round_remind, name="remind"),
    path("rounds/<int:pk>/export.<str:fmt>", views.round_export, name="export"),
    path(
        "rounds/<int:pk>/completeness.<str:fmt>",
        views.completeness_export,
        name="completeness_export",
    ),
    path("rounds/<int:pk>/todo/", views.todo, name="todo"),
    path("rounds/<int:pk>/todo/<str:table>.<str:fmt>", views.todo_export, name="todo_export"),
    path("rounds/<int:round_pk>/<str:kind>/<int:pk>/", views.task, name="task"),
]
