from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.indicator_list, name="list"),
    path("indicators/export.<str:fmt>", views.indicator_export, name="export"),
    path("indicators/new/", views.indicator_create, name="create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="edit"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="delete"),
    path("indicators/<int:pk>/targets/new/", views.target_create, name="target_create"),
    path(
        "indicators/<int:pk>/targets/<int:target_pk>/delete/",
        views.target_delete,
        name="target_delete",
    ),
    path("indicators/<int:pk>/values/new/", views.value_form, name="value_create"),
    path("indicators/<int:pk>/values/<int:value_pk>/edit/", views.value_form, name="value_edit"),
    path(
        "indicators/<int:pk>/values/<int:value_pk>/delete/",
        views.value_delete,
        name="value_delete",
    ),
]
