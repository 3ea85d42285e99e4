"""Activities and delegation visits.

An activity is anything the organisation does abroad or hosts: incoming delegations, official
trips, study visits, conferences and network meetings, events. It has participants and costs.

A delegation request is sent by a foreign delegation through the public form. The coordinator
triages it, accepts or declines it (the requester gets an e-mail in the language of the form),
and for an accepted visit builds the programme, which the delegation reads on a page and as a
calendar file reachable by an unguessable link.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from utsyn.core.bounds import DATE_RANGE, YEARS
from utsyn.core.models import OrganisationOwned
from utsyn.money.models import CURRENCY_CHOICES

GROUP_SIZE_MIN, GROUP_SIZE_MAX = 1, 200
GROUP_SIZE_MESSAGE = _("Please give a realistic group size: from 1 to 200 people.")
DATES_BACKWARDS = _("The end date cannot be before the start date.")
TIMES_BACKWARDS = _("The end time cannot be before the start time.")


class DelegationRequest(OrganisationOwned):
    """A foreign delegation's request to visit, sent through the public form."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    delegation_name = models.CharField(_("organisation or delegation"), max_length=300)
    country = CountryField(_("country"))
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_from = models.DateField(_("preferred dates, from"), validators=DATE_RANGE)
    preferred_to = models.DateField(_("preferred dates, to"), validators=DATE_RANGE)
    group_size = models.PositiveSmallIntegerField(
        _("number of people"),
        validators=[
            MinValueValidator(GROUP_SIZE_MIN, message=GROUP_SIZE_MESSAGE),
            MaxValueValidator(GROUP_SIZE_MAX, message=GROUP_SIZE_MESSAGE),
        ],
    )
    interests = models.TextField(_("what the delegation is interested in"))
    language = models.CharField(
        _("language of the reply"), max_length=5, choices=settings.LANGUAGES
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    # The token of the form the request was sent with: the same form sent twice (a double
    # click) finds the first request instead of making a second one.
    submission_token = models.UUIDField(default=uuid.uuid4, editable=False)
    # The unguessable part of the links to the programme page and calendar file.
    programme_token = models.UUIDField(default=uuid.uuid4, editable=False)
    plan_items = models.ManyToManyField(
        "plans.PlanItem",
        blank=True,
        related_name="delegation_requests",
        verbose_name=_("plan items the visit would serve"),
    )
    triage_comment = models.TextField(_("comment"), blank=True)
    reply_message = models.TextField(_("personal message in the reply"), blank=True)
    handled_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("answered by"),
    )
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Invented demonstration data, not real figures."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delegation request")
        verbose_name_plural = _("delegation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "submission_token"], name="request_submitted_once"
            ),
            models.UniqueConstraint(
                fields=["organisation", "programme_token"], name="programme_token_unique"
            ),
        ]

    def __str__(self):
        return f"{self.delegation_name} ({self.preferred_from:%Y-%m-%d})"

    def clean(self):
        if self.preferred_from and self.preferred_to and self.preferred_to < self.preferred_from:
            raise ValidationError({"preferred_to": DATES_BACKWARDS})

    @property
    def is_new(self):
        return self.status == self.Status.NEW


class Activity(OrganisationOwned):
    """A delegation, trip, study visit, conference, network meeting or event."""

    class Kind(models.TextChoices):
        INCOMING_DELEGATION = "incoming_delegation", _("Incoming delegation")
        OFFICIAL_TRIP = "official_trip", _("Official trip abroad")
        STUDY_VISIT = "study_visit", _("Study visit")
        CONFERENCE = "conference", _("Conference or network meeting")
        EVENT = "event", _("Event")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    starts_on = models.DateField(_("start date"), validators=DATE_RANGE)
    ends_on = models.DateField(_("end date"), validators=DATE_RANGE)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("E.g. the venue or the address.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    counterpart_arena = models.ForeignKey(
        "arenas.Arena",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("counterpart in the register"),
    )
    counterpart_text = models.CharField(
        _("other counterpart"),
        max_length=300,
        blank=True,
        help_text=_("A partner city or organisation that is not in the register."),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    plan_items = models.ManyToManyField(
        "plans.PlanItem", blank=True, related_name="activities", verbose_name=_("plan items")
    )
    report = models.TextField(
        _("report"), blank=True, help_text=_("A short report, written afterwards.")
    )
    responsible_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_activities",
        verbose_name=_("responsible unit"),
    )
    recurrence = models.CharField(
        _("recurs"), max_length=200, blank=True, help_text=_("E.g. “every autumn”.")
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Internal notes; never shown in the public calendar."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown in the organisation's public calendar feed."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Invented demonstration data, not real figures."),
    )
    delegation_request = models.OneToOneField(
        DelegationRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="activity",
        verbose_name=_("delegation request"),
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["organisation", "starts_on"])]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = DATES_BACKWARDS
        if (self.start_time is None) != (self.end_time is None):
            errors["end_time"] = _("Give both times, or neither.")
        elif (
            self.start_time
            and self.starts_on
            and self.ends_on
            and self.starts_at() > self.ends_at()
            and "ends_on" not in errors
        ):
            errors["end_time"] = TIMES_BACKWARDS
        if errors:
            raise ValidationError(errors)

    def responsible_unit_ids(self):
        return [self.responsible_unit_id] if self.responsible_unit_id else []

    @property
    def is_all_day(self):
        return self.start_time is None or self.end_time is None

    def starts_at(self):
        """The start as an aware datetime (local time of the installation); None if all-day."""
        if self.is_all_day:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.starts_on, self.start_time))

    def ends_at(self):
        if self.is_all_day:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.ends_on, self.end_time))

    @property
    def counterpart(self):
        """The arena and/or the free-text counterpart, as one text."""
        names = [str(self.counterpart_arena)] if self.counterpart_arena_id else []
        if self.counterpart_text:
            names.append(self.counterpart_text)
        return ", ".join(names)

    @property
    def location(self):
        parts = [self.place, self.city, str(self.country.name) if self.country else ""]
        return ", ".join(part for part in parts if part)


class Participant(OrganisationOwned):
    """A politician or member of staff taking part in an activity."""

    class Kind(models.TextChoices):
        POLITICIAN = "politician", _("Politician")
        STAFF = "staff", _("Staff")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="participants", verbose_name=_("activity")
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Left empty, the name of the chosen contact person is used."),
    )
    role = models.CharField(_("role or title"), max_length=200, blank=True)
    kind = models.CharField(_("politician or staff"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.name

    def clean(self):
        if not self.name and self.person_id:
            self.name = self.person.name
        if not self.name:
            raise ValidationError({"name": _("Give a name or choose a contact person.")})

    def audit_subject(self):
        return self.activity


class Cost(OrganisationOwned):
    """An amount spent on an activity, in the currency it was paid in."""

    class Category(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        ACCOMMODATION = "accommodation", _("Accommodation")
        EVENT = "event", _("Event costs")
        OTHER = "other", _("Other costs")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="costs", verbose_name=_("activity")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    year = models.PositiveSmallIntegerField(
        _("year"),
        blank=True,
        validators=YEARS,
        help_text=_("The year the cost belongs to; left empty, the year the activity starts."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Invented demonstration data, not real figures."),
    )

    class Meta:
        ordering = ["year", "category", "pk"]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self):
        return f"{self.get_category_display()}: {self.amount} {self.currency}"

    def clean(self):
        self._default_year()

    def save(self, *args, **kwargs):
        self._default_year()
        super().save(*args, **kwargs)

    def _default_year(self):
        if self.year is None and self.activity_id:
            self.year = self.activity.starts_on.year

    def audit_subject(self):
        return self.activity


class ProgrammeItem(OrganisationOwned):
    """One point of the programme of an accepted delegation visit."""

    delegation_request = models.ForeignKey(
        DelegationRequest,
        on_delete=models.CASCADE,
        related_name="programme_items",
        verbose_name=_("delegation request"),
    )
    starts_at = models.DateTimeField(_("starts"), validators=DATE_RANGE)
    ends_at = models.DateTimeField(_("ends"), validators=DATE_RANGE)
    title = models.CharField(_("title"), max_length=300)
    place = models.CharField(_("place"), max_length=300, blank=True)
    host_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host unit"),
    )
    partners = models.TextField(
        _("partners"),
        blank=True,
        help_text=_("Partners taking part, e.g. the regional business agency or a university."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["starts_at", "ends_at", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": TIMES_BACKWARDS})

    def audit_subject(self):
        return self.delegation_request
