"""Funding programmes, externally funded projects, their partners and documents.

Funding programmes are reference data with two kinds of rows in one table: the shared list
(organisation NULL, loaded by a migration, read-only in the app) that every organisation sees,
and the programmes an administrator adds for the own organisation, which only that organisation
sees. The default manager stays scoped like every other organisation's table: inside
`scope(organisation=X)` it returns the shared rows and X's own, outside any scope it raises.
"""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_scopes.manager import DisabledQuerySet
from django_scopes.state import get_scope

from utsyn.core.bounds import DATE_RANGE, year_validators
from utsyn.core.deletion import blocking_references
from utsyn.core.formatting import format_amount
from utsyn.core.models import OrganisationOwned
from utsyn.money.models import CURRENCY_CHOICES

from .uploads import DocumentValidator, document_path

# Applications to today's funding programmes: none before 1990.
APPLICATION_YEARS = year_validators(earliest=1990)
NOT_NEGATIVE = [MinValueValidator(0, message=_("An amount cannot be negative."))]


# ------------------------------------------------------------------------------ programmes

# The interface's languages, each with the languages whose programme name it reads next when
# its own is not given: a nynorsk reader is served the bokmål name before the name as entered.
NAME_LANGUAGES = ["nb", "nn", "sv", "en"]
_NAME_FALLBACKS = {"nb": ["nb"], "no": ["nb"], "nn": ["nn", "nb"], "sv": ["sv"], "en": ["en"]}


class ProgrammeQuerySet(models.QuerySet):
    def shared(self):
        return self.filter(organisation__isnull=True)

    def for_organisation(self, organisation):
        """The shared programmes and the organisation's own."""
        return self.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


class _DisabledProgrammeQuerySet(DisabledQuerySet):
    shared = DisabledQuerySet.error
    for_organisation = DisabledQuerySet.error


class ProgrammeManager(models.Manager.from_queryset(ProgrammeQuerySet)):
    """Scoped like django-scopes' ScopedManager, but the scope's organisation sees the shared
    rows as well as its own."""

    def get_queryset(self):
        current = get_scope()
        queryset = super().get_queryset()
        if not current.get("_enabled", True):
            return queryset
        if "organisation" not in current:
            return _DisabledProgrammeQuerySet(
                self.model, using=self._db, missing_scopes={"organisation"}
            )
        value = current["organisation"]
        if value is None:
            return queryset
        if isinstance(value, list | tuple):
            return queryset.filter(Q(organisation__isnull=True) | Q(organisation__in=value))
        return queryset.for_organisation(value)

    def all(self):
        queryset = super().all()
        if isinstance(queryset, DisabledQuerySet):
            queryset = queryset.all()  # raises, as the scoped managers do
        return queryset


class FundingProgramme(OrganisationOwned):
    class Kind(models.TextChoices):
        EU = "eu", _("EU programme")
        EEA_NORWAY = "eea_norway", _("EEA and Norway Grants")
        NORDIC = "nordic", _("Nordic")
        NATIONAL = "national", _("National")
        OTHER = "other", _("Other")

    # NULL for the shared list that every organisation sees.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # The stable key of a shared programme, by which exports refer to it; empty for own ones.
    code = models.SlugField(_("code"), max_length=60, blank=True, editable=False)
    # The name as registered: the official proper name of a shared programme, the name the
    # administrator gave an own one. The names per language below are shown instead where given.
    name = models.CharField(_("name"), max_length=200)
    name_nb = models.CharField(_("name in bokmål"), max_length=200, blank=True)
    name_nn = models.CharField(_("name in nynorsk"), max_length=200, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("E.g. a programme area under its Interreg strand."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)

    objects = ProgrammeManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="programme_name_unique_in_organisation"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(organisation__isnull=True),
                name="shared_programme_name_unique",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(organisation__isnull=True),
                name="shared_programme_code_unique",
            ),
        ]

    def __str__(self):
        name = self.localized_name
        if self.short_name and self.short_name not in name:
            return f"{name} ({self.short_name})"
        return name

    @property
    def localized_name(self):
        """The name in the active language; the name as registered where none is given."""
        language = (get_language() or "en").split("-")[0]
        for code in _NAME_FALLBACKS.get(language, []):
            name = getattr(self, f"name_{code}")
            if name:
                return name
        return self.name

    @property
    def short_label(self):
        """The short name where there is one (the acronym people use), else the name."""
        return self.short_name or self.localized_name

    def all_names(self):
        """The name as registered and every name per language that is given."""
        names = [self.name] + [getattr(self, f"name_{code}") for code in NAME_LANGUAGES]
        return [name for name in names if name]

    @property
    def is_shared(self):
        return self.organisation_id is None

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A programme cannot be placed under itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def deletion_blocker(self):
        # The projects that name it come first: the coordinator looks for those.
        referring = blocking_references(self)
        in_use = referring.get(Project, 0)
        if in_use:
            return ngettext(
                "It cannot be deleted: %(count)d project names it.",
                "It cannot be deleted: %(count)d projects name it.",
                in_use,
            ) % {"count": in_use}
        if FundingProgramme in referring:
            return gettext("It cannot be deleted: other programmes are placed under it.")
        return super().deletion_blocker()


def programme_tree(programmes):
    """(programme, depth) pairs in tree order: each programme followed by its parts."""
    programmes = list(programmes)
    known = {programme.pk for programme in programmes}
    children = {}
    for programme in programmes:
        parent = programme.parent_id if programme.parent_id in known else None
        children.setdefault(parent, []).append(programme)
    ordered = []

    def walk(parent, depth):
        siblings = children.get(parent, [])
        for programme in sorted(siblings, key=lambda p: p.localized_name.casefold()):
            ordered.append((programme, depth))
            walk(programme.pk, depth + 1)

    walk(None, 0)
    return ordered


def with_parts(programme_id, programmes):
    """The programme's id and those of every programme below it."""
    children = {}
    for pk, parent_id in programmes:
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(), [programme_id]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


# -------------------------------------------------------------------------------- projects


def _number(value):
    """The amount as a Decimal; None for none, or for a value the field's own validation
    reports as not a number."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


class Project(OrganisationOwned):
    """An externally funded project, from the first idea to its completion."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PREPARING = "preparing", _("Preparing the application")
        SUBMITTED = "submitted", _("Application submitted")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator (lead partner)")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("funding programme"),
    )
    call_identifier = models.CharField(
        _("call identifier"),
        max_length=120,
        blank=True,
        help_text=_("The call or topic, as the programme names it."),
    )
    role = models.CharField(_("our role"), max_length=20, choices=Role.choices, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True, validators=DATE_RANGE)
    end_date = models.DateField(_("end"), null=True, blank=True, validators=DATE_RANGE)
    application_deadline = models.DateField(
        _("application deadline"), null=True, blank=True, validators=DATE_RANGE
    )
    decision_expected = models.DateField(
        _("decision expected"), null=True, blank=True, validators=DATE_RANGE
    )
    planned_application_year = models.PositiveSmallIntegerField(
        _("planned application year"),
        null=True,
        blank=True,
        validators=APPLICATION_YEARS,
        help_text=_("The year the application is planned for, for the yearly project plan."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=CURRENCY_CHOICES,
        help_text=_("The currency the budget is given in."),
    )
    project_budget = models.DecimalField(
        _("whole project's budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("The budget of the whole project, all partners together."),
    )
    # The organisation's share of the project budget (the field's name is older than the
    # whole project's budget beside it).
    total_budget = models.DecimalField(
        _("our budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("The organisation's part of the project budget."),
    )
    grant_amount = models.DecimalField(
        _("grant"), max_digits=14, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    own_contribution = models.DecimalField(
        _("own contribution"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    responsible_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_projects",
        verbose_name=_("responsible unit"),
    )
    contact_persons = models.ManyToManyField(
        "organisations.Person",
        blank=True,
        related_name="projects",
        verbose_name=_("contact persons"),
    )
    plan_items = models.ManyToManyField(
        "plans.PlanItem", blank=True, related_name="projects", verbose_name=_("plan items")
    )
    arenas = models.ManyToManyField(
        "arenas.Arena", blank=True, related_name="projects", verbose_name=_("arenas")
    )
    sdg_goals = models.ManyToManyField("sdgs.Goal", blank=True, verbose_name=_("SDG goals"))
    sdg_targets = models.ManyToManyField("sdgs.Target", blank=True, verbose_name=_("SDG targets"))
    results = models.TextField(_("results"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Invented demonstration data, not a real project."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="project_title_unique_in_organisation"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.acronym})" if self.acronym else self.title

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot be before the start.")
        if (
            self.application_deadline
            and self.decision_expected
            and self.decision_expected < self.application_deadline
        ):
            errors["decision_expected"] = _(
                "The decision cannot be expected before the application deadline."
            )
        errors.update(self._budget_errors())
        if errors:
            raise ValidationError(errors)

    def _budget_errors(self):
        """The organisation's grant and own contribution are parts of its budget, and its budget
        is part of the whole project's: no part may exceed what holds it."""
        ours, whole = _number(self.total_budget), _number(self.project_budget)
        parts = sum(
            (_number(value) or 0 for value in (self.grant_amount, self.own_contribution)),
            Decimal(0),
        )
        amounts = {
            "grant": format_amount(_number(self.grant_amount) or 0),
            "own": format_amount(_number(self.own_contribution) or 0),
            "sum": format_amount(parts),
        }
        errors = {}
        if ours is not None and parts > ours:
            errors[NON_FIELD_ERRORS] = _(
                "The grant (%(grant)s) and the own contribution (%(own)s) add up to %(sum)s, "
                "more than our budget (%(total)s)."
            ) % {**amounts, "total": format_amount(ours)}
        elif ours is None and whole is not None and parts > whole:
            errors[NON_FIELD_ERRORS] = _(
                "The grant (%(grant)s) and the own contribution (%(own)s) add up to %(sum)s, "
                "more than the whole project's budget (%(whole)s)."
            ) % {**amounts, "whole": format_amount(whole)}
        if ours is not None and whole is not None and whole < ours:
            errors["project_budget"] = _(
                "The whole project's budget (%(whole)s) cannot be smaller than our budget "
                "(%(ours)s), which is part of it."
            ) % {"whole": format_amount(whole), "ours": format_amount(ours)}
        return errors

    def responsible_unit_ids(self):
        return [self.responsible_unit_id] if self.responsible_unit_id else []

    def conversion_year(self):
        """The year whose rate converts the amounts: that of the start, else of the application
        deadline, else the planned application year."""
        if self.start_date:
            return self.start_date.year
        if self.application_deadline:
            return self.application_deadline.year
        return self.planned_application_year


class ProjectPartner(OrganisationOwned):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    name = models.CharField(_("partner organisation"), max_length=200)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"))
    role = models.CharField(
        _("role in the project"), max_length=20, choices=Project.Role.choices, blank=True
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")

    def __str__(self):
        return self.name

    def audit_subject(self):
        return self.project


class ProjectDocument(OrganisationOwned):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=document_path, max_length=200, validators=[DocumentValidator()]
    )
    filename = models.CharField(_("file name"), max_length=200, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")

    def __str__(self):
        return self.title

    def audit_subject(self):
        return self.project
