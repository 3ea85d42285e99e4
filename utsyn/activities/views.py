import datetime
from decimal import Decimal

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from utsyn.audit.editing import confirm_and_bin, form_page
from utsyn.audit.services import history, save_with_log
from utsyn.core.decorators import organisation_view, public_view, require

from . import ical, services
from .forms import (
    ActivityForm,
    AnswerForm,
    CostForm,
    ParticipantForm,
    ProgrammeItemForm,
    TriageForm,
    VisitRequestForm,
    parse_token,
)
from .lists import ACTIVITIES, REQUESTS
from .models import Activity, Cost, DelegationRequest, Participant, ProgrammeItem
from .queries import agenda, month_bounds, shift_month

# The honeypot of the public form: hidden from people, filled in by robots.
HONEYPOT = "website"


def _slug(request):
    return request.organisation.slug


# ------------------------------------------------------------------------------- activities


activity_list = ACTIVITIES.page
activity_export = ACTIVITIES.download


def _permissions(request):
    return {
        "can_add": request.user.has_perm("organisation.add_activity", request.organisation),
        "can_handle_requests": request.user.has_perm(
            "organisation.handle_requests", request.organisation
        ),
    }


def _month(value):
    """The first day of the month asked for as `YYYY-MM`; this month when missing or odd."""
    try:
        month = datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        month = None
    if month is None or not 1900 <= month.year <= 2200:
        month = timezone.localdate().replace(day=1)
    return month


@organisation_view(read_only=True)
def calendar(request):
    """The activities of one month as an agenda: a heading per day, a list below it."""
    first, last = month_bounds(_month(request.GET.get("month")))
    return render(
        request,
        "activities/calendar.html",
        {
            "month": first,
            "days": agenda(first, last),
            "previous_month": shift_month(first, -1),
            "next_month": shift_month(first, 1),
            "this_month": timezone.localdate().replace(day=1),
            "feed_url": request.build_absolute_uri(
                reverse("activities:feed", kwargs={"organisation": _slug(request)})
            ),
            **_permissions(request),
        },
    )


def _activity_page_data(pk):
    return get_object_or_404(
        Activity.objects.select_related(
            "responsible_unit", "counterpart_arena", "delegation_request"
        ).prefetch_related("plan_items__plan", "participants__person", "costs"),
        pk=pk,
    )


def _totals(costs):
    """{currency: total} of the costs, in the order the currencies first appear."""
    totals = {}
    for cost in costs:
        totals[cost.currency] = totals.get(cost.currency, Decimal(0)) + cost.amount
    return list(totals.items())


@organisation_view(read_only=True)
def activity_detail(request, pk):
    activity = _activity_page_data(pk)
    costs = list(activity.costs.all())
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "participants": list(activity.participants.all()),
            "costs": costs,
            "totals": _totals(costs),
            "plan_items": list(activity.plan_items.all()),
            "history": history(activity),
            "can_change": request.user.has_perm("activity.change", activity),
            "can_delete": request.user.has_perm("activity.delete", activity),
            **_permissions(request),
        },
    )


def _to_activity(request):
    return lambda obj: redirect(
        "activities:detail",
        organisation=_slug(request),
        pk=getattr(obj, "activity_id", obj.pk),
    )


@organisation_view("organisation.add_activity")
def activity_create(request):
    form = ActivityForm(request.POST or None, organisation=request.organisation, user=request.user)
    return form_page(request, form, "activities/activity_form.html", {}, _to_activity(request))


def _changeable_activity(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    require(request, "activity.change", activity)
    return activity


@organisation_view()
def activity_edit(request, pk):
    activity = _changeable_activity(request, pk)
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        organisation=request.organisation,
        user=request.user,
    )
    return form_page(
        request,
        form,
        "activities/activity_form.html",
        {"activity": activity},
        _to_activity(request),
    )


def _detail_url(request, pk):
    return reverse("activities:detail", kwargs={"organisation": _slug(request), "pk": pk})


@organisation_view()
def activity_delete(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    require(request, "activity.delete", activity)
    return _confirm_and_bin_part(
        request,
        activity,
        activity,
        next_url=reverse("activities:list", kwargs={"organisation": _slug(request)}),
    )


def _confirm_and_bin_part(request, obj, activity, question=None, next_url=None):
    """The delete page of an activity or of a part of it, reached from the activity's page."""
    activity_url = _detail_url(request, activity.pk)
    return confirm_and_bin(
        request,
        obj,
        back_url=activity_url,
        back_label=activity.title,
        next_url=next_url,
        question=question,
    )


@organisation_view()
def participant_form(request, activity_pk, pk=None):
    activity = _changeable_activity(request, activity_pk)
    participant = get_object_or_404(Participant, pk=pk, activity=activity) if pk else None
    form = ParticipantForm(
        request.POST or None,
        instance=participant,
        organisation=request.organisation,
        activity=activity,
    )
    return form_page(
        request,
        form,
        "activities/activity_part_form.html",
        {"activity": activity, "title": _("Participant")},
        _to_activity(request),
    )


@organisation_view()
def participant_delete(request, activity_pk, pk):
    activity = _changeable_activity(request, activity_pk)
    participant = get_object_or_404(Participant, pk=pk, activity=activity)
    return _confirm_and_bin_part(
        request,
        participant,
        activity,
        _("Remove %(name)s from the participants?") % {"name": participant.name},
    )


@organisation_view()
def cost_form(request, activity_pk, pk=None):
    activity = _changeable_activity(request, activity_pk)
    cost = get_object_or_404(Cost, pk=pk, activity=activity) if pk else None
    form = CostForm(
        request.POST or None, instance=cost, organisation=request.organisation, activity=activity
    )
    return form_page(
        request,
        form,
        "activities/activity_part_form.html",
        {"activity": activity, "title": _("Cost")},
        _to_activity(request),
    )


@organisation_view()
def cost_delete(request, activity_pk, pk):
    activity = _changeable_activity(request, activity_pk)
    cost = get_object_or_404(Cost, pk=pk, activity=activity)
    return _confirm_and_bin_part(
        request, cost, activity, _("Delete the cost “%(name)s”?") % {"name": cost}
    )


# ------------------------------------------------------------------------------- public pages


def _localised(request, language, template, context, status=200):
    """Renders a public page in the language chosen for it."""
    with translation.override(language):
        response = render(
            request,
            template,
            {
                "public_language": language,
                "language_links": services.language_links(request.organisation, language),
                **context,
            },
            status=status,
        )
    response["Content-Language"] = language
    return response


@public_view(read_only=True)
def feed(request):
    """The published activities as an iCalendar feed, for calendar programs to subscribe to."""
    organisation = request.organisation
    language = services.public_language(request, organisation.language)
    activities = (
        Activity.objects.filter(organisation=organisation, is_published=True)
        .select_related("counterpart_arena")
        .order_by("starts_on", "pk")
    )
    with translation.override(language):
        calendar_ = ical.new_calendar(organisation.name)
        for activity in activities:
            calendar_.add_component(ical.activity_event(activity, organisation))
    return ical.calendar_response(calendar_)


def _to_thanks(request, language):
    url = reverse("activities:request_thanks", kwargs={"organisation": _slug(request)})
    return redirect(f"{url}?language={language}")


@public_view
def request_visit(request):
    """The public form with which a foreign delegation asks to visit."""
    organisation = request.organisation
    language = services.public_language(request, organisation.language)
    with translation.override(language):
        if request.method == "POST":
            token = parse_token(request.POST.get("submission_token"))
            if token and DelegationRequest.objects.filter(submission_token=token).exists():
                return _to_thanks(request, language)  # the same form sent again
            if request.POST.get(HONEYPOT):
                # A robot: it is told that all went well, and nothing is saved.
                services.admit_submission(request)
                return _to_thanks(request, language)
        form = VisitRequestForm(
            request.POST if request.method == "POST" else None, organisation=organisation
        )
        if request.method == "POST" and form.is_valid():
            # Counted only once valid: a visitor correcting mistakes is not held back.
            if not services.admit_submission(request):
                return _localised(
                    request, language, "activities/request_limited.html", {}, status=429
                )
            try:
                with transaction.atomic():
                    save_with_log(form, request.user, language=language)
            except IntegrityError:
                pass  # the same form sent twice at the same moment: the first one was saved
            return _to_thanks(request, language)
    return _localised(
        request,
        language,
        "activities/request_visit.html",
        {"form": form, "honeypot": HONEYPOT},
        status=400 if form.errors else 200,
    )


@public_view(read_only=True)
def request_thanks(request):
    language = services.public_language(request, request.organisation.language)
    return _localised(request, language, "activities/request_thanks.html", {})


@public_view(read_only=True)
def visits_info(request):
    language = services.public_language(request, request.organisation.language)
    return _localised(request, language, "activities/visits_info.html", {})


def _accepted_request(token):
    return get_object_or_404(
        DelegationRequest.objects.filter(status=DelegationRequest.Status.ACCEPTED),
        programme_token=token,
    )


def _programme_days(items):
    days = {}
    for item in items:
        days.setdefault(timezone.localdate(item.starts_at), []).append(item)
    return sorted(days.items())


@public_view(read_only=True)
def programme(request, token):
    """The programme of an accepted visit, for the delegation, behind an unguessable link."""
    delegation_request = _accepted_request(token)
    language = services.public_language(request, delegation_request.language)
    items = delegation_request.programme_items.select_related("host_unit")
    response = _localised(
        request,
        language,
        "activities/programme.html",
        {"delegation_request": delegation_request, "days": _programme_days(items)},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@public_view(read_only=True)
def programme_ics(request, token):
    delegation_request = _accepted_request(token)
    organisation = request.organisation
    language = services.public_language(request, delegation_request.language)
    with translation.override(language):
        name = _("Visit to %(organisation)s: %(delegation)s") % {
            "organisation": organisation.name,
            "delegation": delegation_request.delegation_name,
        }
        calendar_ = ical.new_calendar(name)
        for item in delegation_request.programme_items.select_related("host_unit"):
            calendar_.add_component(ical.programme_event(item, organisation))
    response = ical.calendar_response(calendar_, filename=f"programme-{organisation.slug}.ics")
    response["X-Robots-Tag"] = "noindex"
    return response


# ------------------------------------------------------------------------ delegation requests

HANDLE = "organisation.handle_requests"


request_list = REQUESTS.page
request_export = REQUESTS.download


def _request_url(request, pk):
    return reverse("activities:request_detail", kwargs={"organisation": _slug(request), "pk": pk})


@organisation_view(HANDLE, read_only=True)
def request_detail(request, pk):
    delegation_request = get_object_or_404(
        DelegationRequest.objects.select_related("handled_by").prefetch_related("plan_items__plan"),
        pk=pk,
    )
    kwargs = {"organisation": _slug(request), "token": delegation_request.programme_token}
    user = delegation_request.handled_by
    return render(
        request,
        "activities/request_detail.html",
        {
            "delegation_request": delegation_request,
            "activity": Activity.objects.filter(delegation_request=delegation_request).first(),
            "programme_items": list(delegation_request.programme_items.select_related("host_unit")),
            "programme_url": reverse("activities:programme", kwargs=kwargs),
            "programme_ics_url": reverse("activities:programme_ics", kwargs=kwargs),
            "handled_by": (user.get_full_name() or user.username) if user else "–",
            "history": history(delegation_request),
        },
    )


@organisation_view(HANDLE)
def request_triage(request, pk):
    delegation_request = get_object_or_404(DelegationRequest, pk=pk)
    form = TriageForm(
        request.POST or None, instance=delegation_request, organisation=request.organisation
    )
    return form_page(
        request,
        form,
        "activities/request_part_form.html",
        {"delegation_request": delegation_request, "title": _("Triage")},
        lambda obj: redirect(_request_url(request, obj.pk)),
    )


def _answer(request, pk, status):
    delegation_request = get_object_or_404(DelegationRequest, pk=pk)
    accepting = status == DelegationRequest.Status.ACCEPTED
    if request.method == "POST" and not delegation_request.is_new:
        messages.error(request, _("This request has already been answered."))
        return redirect(_request_url(request, pk))
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = services.accept if accepting else services.decline
        try:
            answer(delegation_request, request.user, form.cleaned_data["message"])
        except services.AlreadyAnswered:
            messages.error(request, _("This request has already been answered."))
            return redirect(_request_url(request, pk))
        _report_reply(request, delegation_request, accepting)
        return redirect(_request_url(request, pk))
    subject, body = services.compose_reply(
        delegation_request, request.user, status=status, message=""
    )
    return render(
        request,
        "activities/request_answer.html",
        {
            "delegation_request": delegation_request,
            "form": form,
            "accepting": accepting,
            "preview_subject": subject,
            "preview_body": body,
        },
        status=400 if form.errors else 200,
    )


def _report_reply(request, delegation_request, accepting):
    sent = services.send_reply(delegation_request, request.user)
    email = delegation_request.email
    if accepting:
        messages.success(
            request,
            _("The request was accepted and the visit added to the calendar."),
        )
    else:
        messages.success(request, _("The request was declined."))
    if sent:
        messages.success(request, _("The reply was sent to %(email)s.") % {"email": email})
    else:
        messages.error(
            request,
            _("The reply could not be sent. Please write to %(email)s yourself.")
            % {"email": email},
        )


@organisation_view(HANDLE)
def request_accept(request, pk):
    return _answer(request, pk, DelegationRequest.Status.ACCEPTED)


@organisation_view(HANDLE)
def request_decline(request, pk):
    return _answer(request, pk, DelegationRequest.Status.DECLINED)


@organisation_view(HANDLE)
def request_delete(request, pk):
    delegation_request = get_object_or_404(DelegationRequest, pk=pk)
    return confirm_and_bin(
        request,
        delegation_request,
        back_url=_request_url(request, pk),
        back_label=delegation_request.delegation_name,
        next_url=reverse("activities:request_list", kwargs={"organisation": _slug(request)}),
        name=delegation_request.delegation_name,
        question=_("Delete the request of %(name)s?")
        % {"name": delegation_request.delegation_name},
    )


@organisation_view(HANDLE)
def programme_item_form(request, request_pk, pk=None):
    delegation_request = get_object_or_404(DelegationRequest, pk=request_pk)
    item = (
        get_object_or_404(ProgrammeItem, pk=pk, delegation_request=delegation_request)
        if pk
        else None
    )
    form = ProgrammeItemForm(
        request.POST or None,
        instance=item,
        organisation=request.organisation,
        delegation_request=delegation_request,
    )
    return form_page(
        request,
        form,
        "activities/request_part_form.html",
        {"delegation_request": delegation_request, "title": _("Programme item")},
        lambda obj: redirect(_request_url(request, delegation_request.pk) + "#programme"),
    )


@organisation_view(HANDLE)
def programme_item_delete(request, request_pk, pk):
    delegation_request = get_object_or_404(DelegationRequest, pk=request_pk)
    item = get_object_or_404(ProgrammeItem, pk=pk, delegation_request=delegation_request)
    url = _request_url(request, delegation_request.pk)
    return confirm_and_bin(
        request,
        item,
        back_url=url,
        back_label=delegation_request.delegation_name,
        next_url=url + "#programme",
        question=_("Delete “%(name)s” from the programme?") % {"name": item.title},
    )
