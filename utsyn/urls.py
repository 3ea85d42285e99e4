from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from utsyn.accessibility import views as accessibility_views
from utsyn.organisations import views as organisation_views

organisation_patterns = [
    path("", include("utsyn.overview.urls")),
    path("", include("utsyn.organisations.urls")),
    path("", include("utsyn.arenas.urls")),
    path("", include("utsyn.plans.urls")),
    path("", include("utsyn.followup.urls")),
    path("", include("utsyn.indicators.urls")),
    path("", include("utsyn.audit.urls")),
    path("", include("utsyn.reports.urls")),
    path("", include("utsyn.costs.urls")),
    path("", include("utsyn.projects.urls")),
    path("", include("utsyn.activities.urls")),
    path("", include("utsyn.accessibility.urls")),
]

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accessibility/", accessibility_views.statement, name="accessibility"),
    path("<slug:organisation>/", include(organisation_patterns)),
]
