from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("activities/", views.activity_list, name="list"),
    path("activities/export.<str:fmt>", views.activity_export, name="export"),
    path("activities/calendar/", views.calendar, name="calendar"),
    path("activities/new/", views.activity_create, name="create"),
    path("activities/<int:pk>/", views.activity_detail, name="detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="delete"),
    path(
        "activities/<int:activity_pk>/participants/new/",
        views.participant_form,
        name="participant_create",
    ),
    path(
        "activities/<int:activity_pk>/participants/<int:pk>/edit/",
        views.participant_form,
        name="participant_edit",
    ),
    path(
        "activities/<int:activity_pk>/participants/<int:pk>/delete/",
        views.participant_delete,
        name="participant_delete",
    ),
    path("activities/<int:activity_pk>/costs/new/", views.cost_form, name="cost_create"),
    path("activities/<int:activity_pk>/costs/<int:pk>/edit/", views.cost_form, name="cost_edit"),
    path(
        "activities/<int:activity_pk>/costs/<int:pk>/delete/",
        views.cost_delete,
        name="cost_delete",
    ),
    # The coordinator's handling of delegation requests.
    path("visit-requests/", views.request_list, name="request_list"),
    path("visit-requests/export.<str:fmt>", views.request_export, name="request_export"),
    path("visit-requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("visit-requests/<int:pk>/triage/", views.request_triage, name="request_triage"),
    path("visit-requests/<int:pk>/accept/", views.request_accept, name="request_accept"),
    path("visit-requests/<int:pk>/decline/", views.request_decline, name="request_decline"),
    path("visit-requests/<int:pk>/delete/", views.request_delete, name="request_delete"),
    path(
        "visit-requests/<int:request_pk>/programme/new/",
        views.programme_item_form,
        name="programme_item_create",
    ),
    path(
        "visit-requests/<int:request_pk>/programme/<int:pk>/edit/",
        views.programme_item_form,
        name="programme_item_edit",
    ),
    path(
        "visit-requests/<int:request_pk>/programme/<int:pk>/delete/",
        views.programme_item_delete,
        name="programme_item_delete",
    ),
    # Public: the calendar feed, the request form and the programme of an accepted visit.
    path("calendar.ics", views.feed, name="feed"),
    path("visit/", views.request_visit, name="request_visit"),
    path("visit/thanks/", views.request_thanks, name="request_thanks"),
    path("visit/how-visits-work/", views.visits_info, name="visits_info"),
    path("visit/programme/<uuid:token>/", views.programme, name="programme"),
    path("visit/programme/<uuid:token>/programme.ics", views.programme_ics, name="programme_ics"),
]
