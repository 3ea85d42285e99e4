from functools import partial, wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.http import require_http_methods

# A page that only reads answers anything but GET and HEAD with 405, so that a request that
# means to change something never looks as if it worked. Pages with forms also take POST; no
# page takes PUT, PATCH or DELETE. utsyn/core/tests/test_methods.py checks every page.
READ_ONLY_METHODS = ["GET", "HEAD"]
FORM_METHODS = ["GET", "HEAD", "POST"]


def _allowed_methods(view, read_only):
    return require_http_methods(READ_ONLY_METHODS if read_only else FORM_METHODS)(view)


def organisation_view(permission="organisation.view", *, read_only=False):
    """Guards a view below `/<organisation>/` that only members may open.

    Anonymous visitors are sent to the login page; people from other organisations get a 404
    (the page does not exist for them); members without the permission get a 403. The
    `organisation` URL argument is consumed here: the view finds it on `request.organisation`.
    `read_only=True` for a page without a form of its own (lists, details, downloads). The
    method is checked last, so that a 405 tells nobody more than a GET would.
    """

    def decorator(view):
        allowed = _allowed_methods(view, read_only)

        @wraps(view)
        def wrapped(request, *args, organisation, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None:
                raise Http404
            if not request.user.has_perm(permission, request.organisation):
                raise PermissionDenied
            return allowed(request, *args, **kwargs)

        return wrapped

    return decorator


def public_view(view=None, *, read_only=False):
    """A published page below `/<organisation>/` that anyone may open: `@public_view`, or
    `@public_view(read_only=True)` for one without a form (see `organisation_view`)."""
    if view is None:
        return partial(public_view, read_only=read_only)
    allowed = _allowed_methods(view, read_only)

    @wraps(view)
    def wrapped(request, *args, organisation, **kwargs):
        return allowed(request, *args, **kwargs)

    return wrapped


def require(request, permission, obj):
    """Raises 403 unless the user holds the permission on the object."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied
