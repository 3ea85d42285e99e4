"""The visitor's network address, for the rate limit of the public visit form and for login
throttling (django-axes, `AXES_CLIENT_IP_CALLABLE`)."""

import ipaddress

from django.conf import settings

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_address(request):
    """The visitor's address. Behind a proxy, UTSYN_CLIENT_IP_HEADER names the header the
    proxy sets (e.g. HTTP_X_REAL_IP). Without it, or when the header holds no usable address,
    the address the connection comes from (REMOTE_ADDR): what a visitor sends is never trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "UTSYN_CLIENT_IP_HEADER", "")
    if not header:
        return remote
    value = request.META.get(header, "")
    address = _forwarded_for(value) if header == FORWARDED_FOR else value.strip()
    return address if _is_ip_address(address) else remote


def _forwarded_for(value):
    """The entry of X-Forwarded-For that the first trusted proxy appended. Each proxy appends
    the address it was reached from, so everything left of that entry came from the visitor,
    who can write anything there; reading from the right skips the proxies' own entries."""
    entries = [entry.strip() for entry in value.split(",")]
    count = settings.UTSYN_TRUSTED_PROXY_COUNT
    # Fewer entries than proxies: the request did not pass all of them; trust none.
    return entries[-count] if value and len(entries) >= count else ""


def _is_ip_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
