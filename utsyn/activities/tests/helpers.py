import datetime

from django.urls import reverse
from django.utils import timezone

from utsyn.testing import post_form


def url(name, world, **kwargs):
    return reverse(f"activities:{name}", kwargs={"organisation": world.slug, **kwargs})


def get(client, address, **params):
    return client.get(address, params, headers={"Accept-Language": "en"})


def post(client, address, data):
    """POSTs the form as a browser does after opening it (see `post_form`)."""
    return post_form(client, address, data, headers={"Accept-Language": "en"})


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)
