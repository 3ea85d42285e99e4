"""Strategies, action plans and the trees of goals, priorities and measures they hold.

A plan names its own levels ("Del", "Hovedmål", "Hovedprioritering"), so a plan of any shape
fits without code changes: an item's level is its depth in the tree, not counting the sections
above it (headings with text outside the levels, such as a chapter on how the work is
organised). The plan says which levels its follow-up rounds ask about; an item may say
otherwise. Everything that depends on an item's place in the tree is worked out in `outline`.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from utsyn.core.bounds import DATE_RANGE, YEARS
from utsyn.core.models import OrganisationOwned

from . import outline


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
    followed_up_levels = models.JSONField(
        _("levels followed up"),
        default=list,
        blank=True,
        help_text=_(
            "The levels whose items each follow-up round asks about. None chosen: the lowest."
        ),
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
        else:
            errors.update(self._levels_errors())
        for _title, url in self.referenced_plans():
            if url:
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError:
                    errors["references"] = _("“%(url)s” is not a web address.") % {"url": url}
        if errors:
            raise ValidationError(errors)

    def _levels_errors(self):
        errors = {}
        count = len(self.levels())
        chosen = self.followed_up_levels
        if not isinstance(chosen, list) or not all(
            isinstance(number, int) and not isinstance(number, bool) for number in chosen
        ):
            errors["followed_up_levels"] = _("Choose the levels by their numbers.")
        elif missing := sorted({n for n in chosen if not 1 <= n <= count}):
            errors["followed_up_levels"] = _(
                "The plan has no level %(number)s: it names %(count)d."
            ) % {"number": missing[0], "count": count}
        if self.pk:
            items = list(PlanItem.objects.filter(plan=self.pk).only(*outline.OUTLINE_FIELDS))
            used = [level for level in outline.levels_of(items).values() if level is not None]
            if used and max(used) >= count:
                errors["level_names"] = _(
                    "The plan's items use %(count)d levels: name at least as many, or move or "
                    "delete the items of the lowest level first."
                ) % {"count": max(used) + 1}
        return errors

    def levels(self):
        return [line.strip() for line in self.level_names.splitlines() if line.strip()]

    def level_name(self, level):
        """The name of a level (0 = top); "" below the last named level."""
        levels = self.levels()
        return levels[level] if 0 <= level < len(levels) else ""

    def followed_up_level_indexes(self):
        """The levels (0 = top) whose items rounds ask about: those chosen, else the lowest."""
        count = len(self.levels())
        chosen = {number - 1 for number in self.followed_up_levels if 1 <= number <= count}
        return chosen or ({count - 1} if count else set())

    def followed_up_level_names(self):
        levels = self.levels()
        return [levels[index] for index in sorted(self.followed_up_level_indexes())]

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


class FollowedUp(models.TextChoices):
    """Whether rounds ask about an item: as the plan says for its level, or always, or never."""

    AS_LEVEL = "", _("As the plan says for its level")
    YES = "yes", _("Yes, in every round")
    NO = "no", _("No")


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
        _("identifier"),
        max_length=60,
        blank=True,
        help_text=_(
            "As the plan writes it, e.g. “Tiltak 12”. Leave it empty where the plan gives none: "
            "the level and the item's place are shown instead (“Strategi 2”)."
        ),
    )
    is_section = models.BooleanField(
        _("section"),
        default=False,
        help_text=_(
            "A heading with text outside the plan's levels, e.g. a chapter on how the work is "
            "organised: it has no level name and is not followed up."
        ),
    )
    followed_up = models.CharField(
        _("followed up in rounds"),
        max_length=3,
        choices=FollowedUp.choices,
        blank=True,
        default=FollowedUp.AS_LEVEL,
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
                fields=["plan", "identifier"],
                condition=~Q(identifier=""),
                name="item_identifier_unique_in_plan",
            )
        ]

    def __str__(self):
        if self.identifier and self.identifier != self.title:
            return f"{self.identifier}: {self.title}"
        return self.title

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
        if self.is_section and self.followed_up == FollowedUp.YES:
            errors["followed_up"] = _("A section is not followed up.")
        if not errors and self.plan_id:
            level_error = self.level_error()
            if level_error:
                # Not tied to a field: moving, the section box or the parent may have caused it.
                errors[NON_FIELD_ERRORS] = level_error
        if errors:
            raise ValidationError(errors)

    def level_error(self):
        """Why the item (or one below it) would fall below the plan's last named level, or None.

        One query: the plan's other items, with this one where it is about to be saved.
        """
        others = PlanItem.objects.filter(plan=self.plan_id).exclude(pk=self.pk)
        items = [*others.only(*outline.OUTLINE_FIELDS), self]
        levels = outline.levels_of(items)
        names = self.plan.levels()
        for item in outline.subtree(items, self):
            level = levels.get(outline.key(item))
            if level is not None and level >= len(names):
                return _(
                    "The plan names no level below “%(last)s”: name another level in the plan "
                    "first, or make this item a section."
                ) % {"last": names[-1] if names else ""}
        return None

    def ancestor_ids(self):
        """Ids of the items above this one, nearest first (one query per level)."""
        ids, item = [], self
        while item.parent_id:
            ids.append(item.parent_id)
            item = item.parent
        return ids

    def effective_unit_id(self):
        """Its own responsible unit, else the nearest ancestor's (`outline.effective_unit_ids`).

        Taken from the item's `place` when a page loaded the plan's tree; otherwise one query.
        """
        if self.responsible_unit_id:
            return self.responsible_unit_id
        place = getattr(self, "place", None)
        if place is not None:
            return place.unit_id
        if not self.parent_id:
            return None
        rows = PlanItem.objects.filter(plan=self.plan_id).only(*outline.OUTLINE_FIELDS)
        return outline.effective_unit_ids(list(rows)).get(self.pk)

    def responsible_unit_ids(self):
        """The units whose editors may change the item: the responsible one (its own or the one
        it inherits) and the collaborators."""
        unit_id = self.effective_unit_id()
        ids = [unit_id] if unit_id else []
        return ids + [unit.pk for unit in self.collaborating_units.all()]

    def audit_subject(self):
        return self
