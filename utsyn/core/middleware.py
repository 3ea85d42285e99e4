"""Response headers that Django sets no setting for."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds `Permissions-Policy` (settings.PERMISSIONS_POLICY): turns off browser features that
    no page uses, for the page and anything it might embed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
