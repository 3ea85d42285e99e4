"""The "illustrative example" badge, shown only where the organisation holds demo data
(`utsyn.core.illustrative`): templates ask here instead of reading `is_illustrative`."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from utsyn.core.illustrative import is_shown_illustrative

register = template.Library()


def _organisation(context):
    request = context.get("request")
    return context.get("organisation") or getattr(request, "organisation", None)


@register.simple_tag(takes_context=True)
def shown_illustrative(context, obj):
    """`{% shown_illustrative obj as illustrative %}`: whether to mark `obj` as invented."""
    return is_shown_illustrative(obj, _organisation(context))


@register.simple_tag(takes_context=True)
def illustrative_badge(context, obj):
    """The badge after a name or among other badges (with a space before it), or nothing."""
    if not is_shown_illustrative(obj, _organisation(context)):
        return ""
    return format_html(' <span class="badge badge--muted">{}</span>', _("Illustrative example"))


@register.simple_tag(takes_context=True)
def illustrative_note(context, obj, note):
    """A paragraph with the badge and what it means, e.g. "not real figures", or nothing."""
    if not is_shown_illustrative(obj, _organisation(context)):
        return ""
    return format_html(
        '<p class="badges"><span class="badge badge--muted">{}</span> {}</p>',
        _("Illustrative example"),
        note,
    )
