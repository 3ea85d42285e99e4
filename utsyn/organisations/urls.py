from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("units/", views.unit_list, name="units"),
    path("units/export.<str:fmt>", views.unit_export, name="unit_export"),
    path("units/new/", views.unit_form, name="unit_create"),
    path("units/<int:pk>/edit/", views.unit_form, name="unit_edit"),
    path("units/<int:pk>/delete/", views.unit_delete, name="unit_delete"),
    path("people/", views.person_list, name="people"),
    path("people/export.<str:fmt>", views.person_export, name="person_export"),
    path("people/new/", views.person_form, name="person_create"),
    path("people/<int:pk>/edit/", views.person_form, name="person_edit"),
    path("people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("members/", views.member_list, name="members"),
    path("members/export.<str:fmt>", views.member_export, name="member_export"),
    path("members/new/", views.member_form, name="member_create"),
    path("members/<int:pk>/edit/", views.member_form, name="member_edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
]
