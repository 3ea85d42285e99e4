from django.urls import path

from . import views

app_name = "arenas"

urlpatterns = [
    path("arenas/", views.arena_list, name="list"),
    path("arenas/export.<str:fmt>", views.arena_export, name="export"),
    path("arenas/new/", views.arena_create, name="create"),
    path("arenas/<int:pk>/", views.arena_detail, name="detail"),
    path("arenas/<int:pk>/edit/", views.arena_edit, name="edit"),
    path("arenas/<int:pk>/delete/", views.arena_delete, name="delete"),
    path("arenas/<int:arena_pk>/assessments/new/", views.assessment_form, name="assessment_create"),
    path(
        "arenas/<int:arena_pk>/assessments/<int:pk>/edit/",
        views.assessment_form,
        name="assessment_edit",
    ),
    path("arenas/<int:arena_pk>/decisions/new/", views.decision_form, name="decision_create"),
    path(
        "arenas/<int:arena_pk>/decisions/<int:pk>/edit/",
        views.decision_form,
        name="decision_edit",
    ),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/export.<str:fmt>", views.assessment_export, name="assessment_export"),
    path("register/", views.public_register, name="public_register"),
    path("register/<int:pk>/", views.public_arena, name="public_detail"),
]
