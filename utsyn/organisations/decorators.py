from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404


def organisation_view(permission="organisation.view"):
    """Guards a view below `/<organisation>/` that only members may open.

    Anonymous visitors are sent to the login page; people from other organisations get a 404
    (the page does not exist for them); members without the permission get a 403. The
    `organisation` URL argument is consumed here: the view finds it on `request.organisation`.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, organisation, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None:
                raise Http404
            if not request.user.has_perm(permission, request.organisation):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def public_view(view):
    """A published page below `/<organisation>/` that anyone may open."""

    @wraps(view)
    def wrapped(request, *args, organisation, **kwargs):
        return view(request, *args, **kwargs)

    return wrapped


def require(request, permission, obj):
    """Raises 403 unless the user holds the permission on the object."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied
