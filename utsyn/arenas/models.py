from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from utsyn.core.bounds import DATE_RANGE, RELATION_YEARS
from utsyn.core.models import OrganisationOwned

from .currencies import CURRENCY_CHOICES


class Theme(OrganisationOwned):
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="theme_name_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.name


class Arena(OrganisationOwned):
    """An international cooperation arena: a membership, a twin city, an agreement …"""

    class Kind(models.TextChoices):
        MEMBERSHIP = "membership", _("Membership of an organisation or network")
        TWIN_CITY = "twin_city", _("Twin city")
        AGREEMENT = "agreement", _("Cooperation agreement")
        INITIATIVE = "initiative", _("Initiative or campaign")
        PROGRAMME = "programme", _("Programme cooperation")

    PARTNER_CITY_KINDS = {Kind.TWIN_CITY, Kind.AGREEMENT}
    # Kinds that can name the arenas they cover: a joint twin-town strategy (an agreement)
    # covers its twin cities; a network of twin cities covers those it joins together.
    COVERING_KINDS = {Kind.AGREEMENT, Kind.MEMBERSHIP}

    class Scope(models.TextChoices):
        GLOBAL = "global", _("Global")
        EUROPEAN = "european", _("European")
        NORDIC = "nordic", _("Nordic")
        BALTIC = "baltic", _("Baltic")
        BILATERAL = "bilateral", _("Bilateral")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ON_HOLD = "on_hold", _("On hold")
        ENDING = "ending", _("Ending")
        ENDED = "ended", _("Ended")

    class IntermediaryRole(models.TextChoices):
        MEMBER_THROUGH = "member_through", _("Membership through")
        HELD_BY = "held_by", _("Practical cooperation held by")

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    scope = models.CharField(
        _("geographic scope"), max_length=20, choices=Scope.choices, blank=True
    )
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    since_year = models.PositiveSmallIntegerField(
        _("member or partner since"), null=True, blank=True, validators=RELATION_YEARS
    )
    until_year = models.PositiveSmallIntegerField(
        _("ended in"), null=True, blank=True, validators=RELATION_YEARS
    )
    intermediary = models.CharField(_("intermediary"), max_length=200, blank=True)
    intermediary_role = models.CharField(
        _("role of the intermediary"), max_length=20, choices=IntermediaryRole.choices, blank=True
    )
    responsible = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_arenas",
        verbose_name=_("responsible political unit"),
    )
    operational_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="operates_arenas",
        verbose_name=_("operational unit"),
    )
    contact_persons = models.ManyToManyField(
        "organisations.Person", blank=True, verbose_name=_("contact persons")
    )
    yearly_fee = models.DecimalField(
        _("yearly fee"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fee_currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    status_date = models.DateField(_("status since"), null=True, blank=True, validators=DATE_RANGE)
    status_reason = models.TextField(
        _("reason for the status"),
        blank=True,
        help_text=_(
            "Why the arena has this status, e.g. why it is on hold (required then). Emptied "
            "when the status changes, unless a new reason is given."
        ),
    )
    covers = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="covered_by",
        verbose_name=_("covers"),
        help_text=_(
            "For an agreement or a network: the arenas of the register it covers, e.g. the "
            "twin cities of a joint strategy."
        ),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    history = models.TextField(_("history of the relation"), blank=True)
    sdg_goals = models.ManyToManyField("sdgs.Goal", blank=True, verbose_name=_("SDG goals"))
    sdg_targets = models.ManyToManyField("sdgs.Target", blank=True, verbose_name=_("SDG targets"))
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the organisation's public pages.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("arena")
        verbose_name_plural = _("arenas")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="arena_name_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.since_year and self.until_year and self.until_year < self.since_year:
            errors["until_year"] = _("The end cannot be before the start.")
        if self.yearly_fee is not None and not self.fee_currency:
            errors["fee_currency"] = _("Give the currency of the fee.")
        if self.kind in self.PARTNER_CITY_KINDS and self.city and not self.country:
            errors["country"] = _("A partner city needs a country.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.intermediary_role and not self.intermediary:
            errors["intermediary"] = _("Name the intermediary.")
        if self.status == self.Status.ON_HOLD:
            if not self.status_date:
                errors["status_date"] = _("Give the date the arena was put on hold.")
            if not self.status_reason.strip():
                errors["status_reason"] = _("Give the reason the arena is on hold.")
        if errors:
            raise ValidationError(errors)

    def can_cover(self, kind=None):
        """Whether an arena of this kind (or `kind`, when it is being changed) may name the
        arenas it covers."""
        return (kind or self.kind) in self.COVERING_KINDS

    def decisions_not_fitting(self, kind):
        """The arena's decisions whose outcomes are not of the vocabulary of `kind`: they would
        contradict a change of kind."""
        if self.pk is None:
            return Decision.objects.none()
        return self.decisions.exclude(outcome__in=Decision.outcomes_for(kind))

    def responsible_unit_ids(self):
        return [pk for pk in (self.responsible_id, self.operational_unit_id) if pk]


class Level(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    STRENGTHEN = "strengthen", _("Continue and strengthen")
    LEAVE = "leave", _("Leave")
    JOIN = "join", _("Join")
    CONSIDER_JOINING = "consider_joining", _("Consider joining")


class AssessmentCriteria(models.Model):
    """The review criteria and the recommendation; shared by assessments and follow-up rounds."""

    class Participation(models.TextChoices):
        ACTIVE = "active", _("Active")
        PASSIVE = "passive", _("Passive")

    participation = models.CharField(
        _("participation"), max_length=10, choices=Participation.choices, blank=True
    )
    participation_text = models.TextField(_("participation, explained"), blank=True)
    learning = models.CharField(
        _("learning outcome"), max_length=10, choices=Level.choices, blank=True
    )
    learning_text = models.TextField(_("learning outcome, explained"), blank=True)
    influence = models.CharField(_("influence"), max_length=10, choices=Level.choices, blank=True)
    influence_text = models.TextField(_("influence, explained"), blank=True)
    summary = models.TextField(_("assessment"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )

    CRITERIA_FIELDS = [
        "participation",
        "participation_text",
        "learning",
        "learning_text",
        "influence",
        "influence_text",
        "summary",
        "recommendation",
    ]

    class Meta:
        abstract = True


class Assessment(AssessmentCriteria, OrganisationOwned):
    """A dated assessment of an arena against the review criteria, with a recommendation."""

    arena = models.ForeignKey(
        Arena, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("arena")
    )
    assessed_on = models.DateField(_("date"), validators=DATE_RANGE)
    assessor = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    reference = models.CharField(_("case reference"), max_length=60, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"{self.arena} ({self.assessed_on:%Y-%m-%d})"

    def audit_subject(self):
        return self.arena


class Decision(OrganisationOwned):
    """A decision on an arena by a political body, e.g. the council deciding to leave.

    Memberships and partnerships have words of their own: a council leaves a network but ends
    a twin-city cooperation, and suspends it rather than leaving it. An outcome that says what
    the arena's status is now (suspend: on hold) sets the status when the decision is recorded
    (`arenas.services.record_decision`), so that the two never contradict each other.
    """

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        LEAVE = "leave", _("Leave")
        JOIN = "join", _("Join")
        REQUEST_JOIN = "request_join", _("Asked for membership")
        CONSIDER_JOINING = "consider_joining", _("Asked to consider joining")
        # Partner cities and agreements.
        ESTABLISH = "establish", _("Establish the cooperation")
        RENEW = "renew", _("Renew")
        SUSPEND = "suspend", _("Suspend (put on hold)")
        RESUME = "resume", _("Resume")
        END = "end", _("End the cooperation")

    MEMBERSHIP_OUTCOMES = [
        Outcome.JOIN,
        Outcome.CONTINUE,
        Outcome.LEAVE,
        Outcome.REQUEST_JOIN,
        Outcome.CONSIDER_JOINING,
    ]
    PARTNERSHIP_OUTCOMES = [
        Outcome.ESTABLISH,
        Outcome.CONTINUE,
        Outcome.RENEW,
        Outcome.SUSPEND,
        Outcome.RESUME,
        Outcome.END,
    ]
    # (the status an outcome gives the arena, the statuses that agree with it). Asking for
    # membership or to consider joining changes nothing yet.
    STATUS_OF_OUTCOME = {
        Outcome.JOIN: (Arena.Status.ACTIVE, {Arena.Status.ACTIVE}),
        Outcome.CONTINUE: (Arena.Status.ACTIVE, {Arena.Status.ACTIVE}),
        Outcome.ESTABLISH: (Arena.Status.ACTIVE, {Arena.Status.ACTIVE}),
        Outcome.RENEW: (Arena.Status.ACTIVE, {Arena.Status.ACTIVE}),
        Outcome.RESUME: (Arena.Status.ACTIVE, {Arena.Status.ACTIVE}),
        Outcome.SUSPEND: (Arena.Status.ON_HOLD, {Arena.Status.ON_HOLD}),
        Outcome.LEAVE: (Arena.Status.ENDING, {Arena.Status.ENDING, Arena.Status.ENDED}),
        Outcome.END: (Arena.Status.ENDING, {Arena.Status.ENDING, Arena.Status.ENDED}),
    }

    arena = models.ForeignKey(
        Arena, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("arena")
    )
    body = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("date"), null=True, blank=True, validators=DATE_RANGE)
    case_reference = models.CharField(_("case reference"), max_length=60, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    text = models.TextField(_("decision text"), blank=True)

    class Meta:
        # Undated decisions (the seeds do not always give a date) sort last.
        ordering = [models.F("decided_on").desc(nulls_last=True), "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.arena}: {self.get_outcome_display()}"

    def audit_subject(self):
        return self.arena

    @classmethod
    def outcomes_for(cls, kind):
        """The outcomes that fit an arena of `kind`."""
        if kind in Arena.PARTNER_CITY_KINDS:
            return cls.PARTNERSHIP_OUTCOMES
        return cls.MEMBERSHIP_OUTCOMES

    def implied_status(self):
        """(status to set, statuses that agree) of the outcome, or None."""
        return self.STATUS_OF_OUTCOME.get(self.outcome)

    def is_superseded(self):
        """Whether a later decision on the arena stands instead: recording an older decision
        does not change what the arena's status is now. An undated one counts as current."""
        if self.decided_on is None:
            return False
        later = Decision.objects.filter(arena_id=self.arena_id, decided_on__gt=self.decided_on)
        return later.exclude(pk=self.pk).exists()

    def clean(self):
        errors = {}
        if self.arena_id and self.outcome:
            arena = self.arena
            if self.outcome not in self.outcomes_for(arena.kind):
                errors["outcome"] = _(
                    "“%(outcome)s” does not fit this kind of arena (%(kind)s). Choose one of: "
                    "%(choices)s."
                ) % {
                    "outcome": self.get_outcome_display(),
                    "kind": arena.get_kind_display(),
                    "choices": ", ".join(
                        str(self.Outcome(value).label) for value in self.outcomes_for(arena.kind)
                    ),
                }
        if self.outcome == self.Outcome.SUSPEND:
            if not self.decided_on:
                errors["decided_on"] = _("Give the date: the arena is on hold from then.")
            if not self.text.strip():
                errors["text"] = _(
                    "Give the reason for the suspension: it is shown as why the arena is on hold."
                )
        if errors:
            raise ValidationError(errors)
