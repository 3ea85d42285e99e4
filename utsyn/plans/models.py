"""Strategies, action plans and the trees of goals, priorities and measures they hold.

A plan names its own levels ("Del", "Hovedmål", "Hovedprioritering"), so a plan of any shape
fits without code changes: an item's level is its depth in the tree.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from utsyn.core.bounds import DATE_RANGE, YEARS
from utsyn.core.models import OrganisationOwned


class Plan(OrganisationOwned):
    class Type(models.TextChoices):
        STRATEGY = "strategy", _("Strategy")
        ACTION_PLAN = "action_plan", _("Action plan")
        POLICY = "policy", _("Policy")
        PROGRAMME = "programme", _("Programme")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        REPLACED = "replaced", _("Replaced")
        EXPIRED = "expired", _("Expired")

    class Cadence(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly")
        TERTIAL = "tertial", _("Every four months (tertial)")
        HALF_YEARLY = "half_yearly", _("Every half year (interim report)")
        YEARLY = "yearly", _("Yearly")
        TERM = "term", _("Once per term")

    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("period from"), null=True, blank=True, validators=YEARS
    )
    end_year = models.PositiveSmallIntegerField(
        _("period to"), null=True, blank=True, validators=YEARS
    )
    adopted_by = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, validators=DATE_RANGE)
    case_reference = models.CharField(_("case reference"), max_length=60, blank=True)
    document_owner = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document owner"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, validators=DATE_RANGE)
    cadence = models.CharField(
        _("follow-up cadence"), max_length=20, choices=Cadence.choices, blank=True
    )
    follow_up = models.TextField(
        _("how the plan is followed up"),
        blank=True,
        help_text=_("E.g. in interim reports, the year-end accounts and yearly to the board."),
    )
    implements = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implemented_by",
        verbose_name=_("implements"),
    )
    level_names = models.TextField(
        _("names of the levels"),
        help_text=_("One per line, from the top: e.g. “Part”, “Main goal”, “Priority”."),
    )
    references = models.TextField(
        _("other plans it refers to"),
        blank=True,
        help_text=_("One plan per line; a link may follow the title after “|”."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the organisation's public pages.")
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="plan_title_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end cannot be before the start.")
        if self.implements_id and self.implements_id == self.pk:
            errors["implements"] = _("A plan cannot implement itself.")
        if not self.levels():
            errors["level_names"] = _("Name at least one level.")
        for _title, url in self.referenced_plans():
            if url:
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError:
                    errors["references"] = _("“%(url)s” is not a web address.") % {"url": url}
        if errors:
            raise ValidationError(errors)

    def levels(self):
        return [line.strip() for line in self.level_names.splitlines() if line.strip()]

    def level_name(self, depth):
        """The name of the level at a depth (0 = top); deeper items take the last name."""
        levels = self.levels()
        return levels[min(depth, len(levels) - 1)] if levels else ""

    def referenced_plans(self):
        """(title, url) pairs from the references text."""
        pairs = []
        for line in self.references.splitlines():
            title, _bar, url = line.partition("|")
            if title.strip():
                pairs.append((title.strip(), url.strip()))
        return pairs


class PlanRole(OrganisationOwned):
    """What a body does for the plan: "Kommunstyrelsen ansvarar för uppföljning …"."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="roles", verbose_name=_("plan")
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("unit"),
    )
    responsibilities = models.TextField(_("responsibilities"))
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("role in the plan")
        verbose_name_plural = _("roles in the plan")

    def __str__(self):
        return f"{self.plan}: {self.unit}"

    def audit_subject(self):
        return self.plan


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    CONTINUOUS = "continuous", _("Continuous")


PROGRESS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class PlanItem(OrganisationOwned):
    """A goal, priority, section or measure: one node of a plan's tree."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("placed under"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    identifier = models.CharField(
        _("identifier"), max_length=60, help_text=_("As the plan writes it, e.g. “Tiltak 12”.")
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_items",
        verbose_name=_("responsible unit"),
    )
    collaborating_units = models.ManyToManyField(
        "organisations.Unit",
        blank=True,
        related_name="collaborates_on_items",
        verbose_name=_("collaborating units"),
    )
    contact_persons = models.ManyToManyField(
        "organisations.Person", blank=True, verbose_name=_("contact persons")
    )
    sdg_goals = models.ManyToManyField("sdgs.Goal", blank=True, verbose_name=_("SDG goals"))
    sdg_targets = models.ManyToManyField("sdgs.Target", blank=True, verbose_name=_("SDG targets"))
    arenas = models.ManyToManyField(
        "arenas.Arena", blank=True, related_name="plan_items", verbose_name=_("arenas")
    )
    serves = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="served_by",
        verbose_name=_("serves items of other plans"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=PROGRESS_VALIDATORS
    )
    planned_start = models.DateField(
        _("planned start"), null=True, blank=True, validators=DATE_RANGE
    )
    planned_end = models.DateField(_("planned end"), null=True, blank=True, validators=DATE_RANGE)
    actual_start = models.DateField(_("actual start"), null=True, blank=True, validators=DATE_RANGE)
    actual_end = models.DateField(_("actual end"), null=True, blank=True, validators=DATE_RANGE)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "identifier"], name="item_identifier_unique_in_plan"
            )
        ]

    def __str__(self):
        return f"{self.identifier}: {self.title}" if self.identifier != self.title else self.title

    def clean(self):
        errors = {}
        if self.parent_id:
            if self.parent.plan_id != self.plan_id:
                errors["parent"] = _("An item can only be placed under an item of the same plan.")
            elif self.pk and (self.parent_id == self.pk or self.pk in self.parent.ancestor_ids()):
                errors["parent"] = _("An item cannot be placed under itself or its own sub-items.")
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if (
                getattr(self, start)
                and getattr(self, end)
                and getattr(self, end) < getattr(self, start)
            ):
                errors[end] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    def ancestor_ids(self):
        """Ids of the items above this one, nearest first (one query per level)."""
        ids, item = [], self
        while item.parent_id:
            ids.append(item.parent_id)
            item = item.parent
        return ids

    def responsible_unit_ids(self):
        """The units whose editors may change the item: the primary and the collaborators."""
        ids = [self.responsible_unit_id] if self.responsible_unit_id else []
        return ids + [unit.pk for unit in self.collaborating_units.all()]

    def audit_subject(self):
        return self
