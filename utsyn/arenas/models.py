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

    class Scope(models.TextChoices):
        GLOBAL = "global", _("Global")
        EUROPEAN = "european", _("European")
        NORDIC = "nordic", _("Nordic")
        BALTIC = "baltic", _("Baltic")
        BILATERAL = "bilateral", _("Bilateral")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
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
        if errors:
            raise ValidationError(errors)

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
    """A decision on an arena by a political body, e.g. the council deciding to leave."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        LEAVE = "leave", _("Leave")
        JOIN = "join", _("Join")
        REQUEST_JOIN = "request_join", _("Asked for membership")
        CONSIDER_JOINING = "consider_joining", _("Asked to consider joining")

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
