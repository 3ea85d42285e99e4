from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """The page for a login refused by django-axes (AXES_LOCKOUT_CALLABLE): too many failed
    attempts with this username from this address. 429 Too Many Requests."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


def csrf_failure(request, reason=""):
    """A form refused for its missing or stale CSRF token (CSRF_FAILURE_VIEW), mostly one open
    for long or cookies blocked: said in the user's language and look, not Django's English."""
    return render(request, "403_csrf.html", status=403)
