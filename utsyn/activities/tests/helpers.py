import datetime

from django.urls import reverse
from django.utils import timezone


def url(name, world, **kwargs):
    return reverse(f"activities:{name}", kwargs={"organisation": world.slug, **kwargs})


def get(client, address, **params):
    return client.get(address, params, headers={"Accept-Language": "en"})


def post(client, address, data):
    return client.post(address, data, headers={"Accept-Language": "en"})


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)
