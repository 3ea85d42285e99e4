"""The visitor's network address, for the rate limit of the public visit form and for login
throttling (django-axes, `AXES_CLIENT_IP_CALLABLE`)."""

from django.conf import settings


def client_address(request):
    """The visitor's address. Behind a proxy, set UTSYN_CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP)
    to the header the proxy sets; a client cannot forge that one. Without it, the address the
    connection comes from (REMOTE_ADDR): a header the client sends itself is never trusted."""
    header = getattr(settings, "UTSYN_CLIENT_IP_HEADER", "")
    address = request.META.get(header, "") if header else ""
    return address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
