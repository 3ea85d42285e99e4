"""How a user is named on a page."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person_name(user):
    """The user's full name, else the username; a deleted account (a reference set to NULL)
    reads as such instead of breaking the page."""
    if user is None:
        return _("a former user")
    return user.get_full_name() or user.username
