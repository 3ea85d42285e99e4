from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/export.<str:fmt>", views.plan_list_export, name="list_export"),
    path("plans/new/", views.plan_create, name="create"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("plans/<int:pk>/export.<str:fmt>", views.plan_export, name="export"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="edit"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="delete"),
    path("plans/<int:plan_pk>/roles/new/", views.role_form, name="role_create"),
    path("plans/<int:plan_pk>/roles/<int:pk>/edit/", views.role_form, name="role_edit"),
    path("plans/<int:plan_pk>/roles/<int:pk>/delete/", views.role_delete, name="role_delete"),
    path("plans/<int:plan_pk>/items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/move-<str:direction>/", views.item_reorder, name="item_reorder"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("published/plans/", views.public_plan_list, name="public_list"),
]
