from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/export.<str:fmt>", views.project_export, name="export"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/delete/", views.project_delete, name="delete"),
    path("projects/<int:project_pk>/partners/new/", views.partner_form, name="partner_create"),
    path(
        "projects/<int:project_pk>/partners/<int:pk>/edit/",
        views.partner_form,
        name="partner_edit",
    ),
    path(
        "projects/<int:project_pk>/partners/<int:pk>/delete/",
        views.partner_delete,
        name="partner_delete",
    ),
    path("projects/<int:project_pk>/documents/new/", views.document_create, name="document_create"),
    path(
        "projects/<int:project_pk>/documents/<int:pk>/download/",
        views.document_download,
        name="document_download",
    ),
    path(
        "projects/<int:project_pk>/documents/<int:pk>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    # The plan of the current year lives at its own address too (no redirect: a bookmark
    # keeps showing the current year's plan).
    path("projects/plan/", views.project_plan, name="plan_current"),
    path("projects/plan/<int:year>/", views.project_plan, name="plan"),
    path(
        "projects/plan/<int:year>/export.<str:fmt>",
        views.project_plan_export,
        name="plan_export",
    ),
    path("projects/programmes/", views.programme_list, name="programmes"),
    path("projects/programmes/new/", views.programme_form, name="programme_create"),
    path("projects/programmes/<int:pk>/edit/", views.programme_form, name="programme_edit"),
    path("projects/programmes/<int:pk>/delete/", views.programme_delete, name="programme_delete"),
    path("exchange-rates/", views.rate_list, name="rates"),
    path("exchange-rates/new/", views.rate_form, name="rate_create"),
    path("exchange-rates/<int:pk>/edit/", views.rate_form, name="rate_edit"),
    path("exchange-rates/<int:pk>/delete/", views.rate_delete, name="rate_delete"),
]
