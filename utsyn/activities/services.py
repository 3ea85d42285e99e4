"""The rules of delegation requests: the language of the public pages, the rate limit of the
public form, and answering a request (which e-mails the requester in the form's language)."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from utsyn.audit import actions
from utsyn.audit.services import audit_values, diff, log_action, recording
from utsyn.core.addresses import client_address

from .models import Activity, DelegationRequest

ANSWERED = {
    DelegationRequest.Status.ACCEPTED: actions.register(
        "activities.request.accepted", gettext_lazy("accepted")
    ),
    DelegationRequest.Status.DECLINED: actions.register(
        "activities.request.declined", gettext_lazy("declined")
    ),
}

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# The public form: at most this many requests from one address per organisation and window.
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60


# ---------------------------------------------------------------------------------- language


def public_language(request, default):
    """The language of a public page: `?language=`, else the one chosen with the page's
    language switcher (its cookie), else `default` (the organisation's or the requester's)."""
    chosen = request.GET.get("language")
    if chosen in LANGUAGE_CODES:
        return chosen
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        active = translation.get_language()
        if active in LANGUAGE_CODES:
            return active
    return default


def language_links(organisation, current):
    """(code, name in that language, is current) for the organisation's language, English and
    Swedish: the languages the public delegation pages offer."""
    codes = list(dict.fromkeys([organisation.language, "en", "sv"]))
    return [(code, get_language_info(code)["name_local"], code == current) for code in codes]


# ---------------------------------------------------------------------------------- rate limit


def _rate_key(request):
    return f"utsyn:visit-requests:{request.organisation.pk}:{client_address(request)}"


def admit_submission(request):
    """Counts a submission from the visitor's address and says whether it is within the limit.

    Counting and checking are one atomic step (the cache's increment: Redis' INCR, or a lock in
    the local-memory cache), so that requests sent in parallel cannot all read a count below
    the limit before any of them raises it. Refused submissions count too: a robot that keeps
    sending stays refused until the window has passed."""
    key = _rate_key(request)
    for _attempt in range(2):
        cache.add(key, 0, RATE_WINDOW_SECONDS)
        try:
            return cache.incr(key) <= RATE_LIMIT
        except ValueError:  # the window ended between add() and incr(): start a new one
            continue
    return False


# ---------------------------------------------------------------------------------- answering


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def accept(delegation_request, user, message=""):
    """Accepts the request and puts the visit into the calendar as an activity."""
    _answer(delegation_request, DelegationRequest.Status.ACCEPTED, user, message)
    organisation = delegation_request.organisation
    with translation.override(organisation.language):
        title = _("Delegation visit: %(name)s") % {"name": delegation_request.delegation_name}
    activity = Activity.objects.create(
        organisation=organisation,
        title=title[:300],
        kind=Activity.Kind.INCOMING_DELEGATION,
        status=Activity.Status.ACCEPTED,
        starts_on=delegation_request.preferred_from,
        ends_on=delegation_request.preferred_to,
        country=delegation_request.country,
        counterpart_text=delegation_request.delegation_name[:300],
        purpose=delegation_request.interests,
        is_illustrative=delegation_request.is_illustrative,
        delegation_request=delegation_request,
    )
    activity.plan_items.set(delegation_request.plan_items.all())
    log_action(actions.CREATED, activity, user, diff({}, audit_values(activity)))
    return activity


@transaction.atomic
def decline(delegation_request, user, message=""):
    _answer(delegation_request, DelegationRequest.Status.DECLINED, user, message)


def _answer(delegation_request, status, user, message):
    # Locked, so that two coordinators answering at once cannot both succeed.
    locked = DelegationRequest.objects.select_for_update().get(pk=delegation_request.pk)
    if not locked.is_new:
        raise AlreadyAnswered
    with recording(ANSWERED[status], delegation_request, user, always=True):
        delegation_request.status = status
        delegation_request.reply_message = message
        delegation_request.handled_at = timezone.now()
        delegation_request.handled_by = user
        delegation_request.save()


def programme_links(delegation_request):
    """The absolute addresses of the programme page and calendar file, in the request's language."""
    base = settings.UTSYN_BASE_URL.rstrip("/")
    kwargs = {
        "organisation": delegation_request.organisation.slug,
        "token": delegation_request.programme_token,
    }
    query = f"?language={delegation_request.language}"
    return (
        base + reverse("activities:programme", kwargs=kwargs) + query,
        base + reverse("activities:programme_ics", kwargs=kwargs) + query,
    )


def compose_reply(delegation_request, user, status=None, message=None):
    """(subject, body) of the answer, in the language the request was written in.

    `status` and `message` default to the request's own; the answer page shows a preview of
    the e-mail before the coordinator sends it.
    """
    organisation = delegation_request.organisation
    status = status or delegation_request.status
    programme_url, calendar_url = programme_links(delegation_request)
    with translation.override(delegation_request.language):
        context = {
            "delegation_request": delegation_request,
            "organisation": organisation,
            "message": delegation_request.reply_message if message is None else message,
            "programme_url": programme_url,
            "calendar_url": calendar_url,
            "sender": user,
        }
        if status == DelegationRequest.Status.ACCEPTED:
            subject = _("Your visit to %(organisation)s: welcome") % {
                "organisation": organisation.name
            }
            body = render_to_string("activities/reply_accepted.txt", context)
        else:
            subject = _("Your request to visit %(organisation)s") % {
                "organisation": organisation.name
            }
            body = render_to_string("activities/reply_declined.txt", context)
    return subject, body


def send_reply(delegation_request, user):
    """E-mails the answer. Returns False when it could not be sent (the answer itself stands)."""
    subject, body = compose_reply(delegation_request, user)
    email = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [delegation_request.email],
        reply_to=[user.email] if user.email else None,
    )
    try:
        email.send()
    except OSError:  # SMTP errors are OSErrors too
        logger.exception("The reply to delegation request %s was not sent", delegation_request.pk)
        return False
    return True
