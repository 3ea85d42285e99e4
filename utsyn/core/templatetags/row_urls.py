"""`{% row_url %}`: `{% url %}` for the rows of a long page, at the cost of one reverse().

The plan page reverses four URLs per item; that was a third of its rendering time. Here the URL
is reversed once with a stand-in for the row's pk, and each row's pk is put in its place.
"""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

# An id no row has, to stand for the row's in the URL reversed once.
STAND_IN = str(2**62 - 1)


@functools.lru_cache(maxsize=4096)
def _url_with_stand_in(urlconf, prefix, name, kwargs):
    return reverse(name, urlconf=urlconf, kwargs={**dict(kwargs), "pk": STAND_IN})


@register.simple_tag
def row_url(name, pk, **kwargs):
    """The URL named `name` for the row `pk`; other URL arguments as keywords."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    url = _url_with_stand_in(urlconf, get_script_prefix(), name, tuple(sorted(kwargs.items())))
    return url.replace(STAND_IN, str(pk))
