from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from utsyn.core.deletion import Deletable, blocking_references
from utsyn.core.models import OrganisationOwned

# First path segments that belong to the application, not to an organisation.
RESERVED_SLUGS = {
    "accounts",
    "i18n",
    "static",
    "media",
    "admin",
    "api",
    "health",
    "accessibility",
}


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved; choose another URL name."), params={"slug": slug}
        )


class Organisation(models.Model):
    """A municipality, county or region: the tenant that owns every row of domain data."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY = "county", _("County")
        REGION = "region", _("Region")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("URL name"), max_length=60, unique=True, validators=[validate_not_reserved]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"))
    official_number = models.CharField(
        _("official number"),
        max_length=20,
        blank=True,
        help_text=_("E.g. the Norwegian kommunenummer or the Swedish kommunkod."),
    )
    language = models.CharField(
        _("default content language"), max_length=5, choices=settings.LANGUAGES
    )
    # The operator's setting, never the organisation's own administrator's: whether rows marked
    # "illustrative example" (invented demonstration data) are shown as such. Only demo
    # organisations hold such rows; a real municipality sees no such field, column or badge.
    holds_demo_data = models.BooleanField(
        _("holds demonstration data"),
        default=False,
        help_text=_(
            "Shows the “illustrative example” mark on forms, lists and downloads. For "
            "demonstration organisations only."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class Unit(OrganisationOwned):
    """A political body or an administrative unit; together they form the organisation's tree."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council (bystyre, kommunestyre, kommunfullmäktige)")
        EXECUTIVE = "executive", _("Executive body (byråd, formannskap, kommunstyrelse)")
        EXECUTIVE_MEMBER = "executive_member", _("Member of the executive (byråd, ordfører)")
        COMMITTEE = "committee", _("Committee (utvalg, nämnd)")
        # The administration's head and office (kommunedirektørens stab,
        # kommunstyrelseförvaltning): administrative, not political.
        CHIEF_EXECUTIVE = (
            "chief_executive",
            _("Chief executive (rådmann, kommunedirektør, kommundirektör)"),
        )
        DEPARTMENT = "department", _("Department (byrådsavdeling, förvaltning)")
        AGENCY = "agency", _("Agency (etat)")
        OFFICE = "office", _("Office or section")
        UNIT = "unit", _("Unit (resultatenhet, institution)")

    POLITICAL_KINDS = {Kind.COUNCIL, Kind.EXECUTIVE, Kind.EXECUTIVE_MEMBER, Kind.COMMITTEE}
    # The kind in a word or two, beside the unit's name where a unit is chosen (its own
    # translation context: "Unit" here is a kind, not a unit of measurement).
    SHORT_KIND_NAMES: dict[str, Any] = {
        Kind.COUNCIL: pgettext_lazy("kind of unit", "Council"),
        Kind.EXECUTIVE: pgettext_lazy("kind of unit", "Executive body"),
        Kind.EXECUTIVE_MEMBER: pgettext_lazy("kind of unit", "Member of the executive"),
        Kind.COMMITTEE: pgettext_lazy("kind of unit", "Committee"),
        Kind.CHIEF_EXECUTIVE: pgettext_lazy("kind of unit", "Chief executive"),
        Kind.DEPARTMENT: pgettext_lazy("kind of unit", "Department"),
        Kind.AGENCY: pgettext_lazy("kind of unit", "Agency"),
        Kind.OFFICE: pgettext_lazy("kind of unit", "Office or section"),
        Kind.UNIT: pgettext_lazy("kind of unit", "Unit"),
    }
    # Set by `organisations.unit_tree.in_tree_order`: how many of the units shown above it
    # are its ancestors.
    depth: int

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # RESTRICT: a unit with sub-units cannot be deleted, but the organisation as a whole can.
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unit_name_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.name

    def short_kind_display(self):
        return self.SHORT_KIND_NAMES.get(self.kind, self.get_kind_display())

    @property
    def tree_label(self):
        """The name as a unit picker shows it: indented under its parent, with its kind, e.g.
        "– – Kulturetaten (Agency)". The dashes are read out, so that a screen reader hears
        the tree too."""
        indent = "\u2013 " * getattr(self, "depth", 0)
        return f"{indent}{self.name} ({self.short_kind_display()})"

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
            ancestor = ancestor.parent

    def deletion_blocker(self):
        # Sub-units are said plainly; decisions made by the unit, in the common words. Items,
        # arenas and people it is responsible for only lose it (SET_NULL) and never block.
        if Unit in blocking_references(self):
            return gettext("It cannot be deleted: other units are placed under it.")
        return super().deletion_blocker()


class Membership(Deletable):
    """A person's role in one organisation. Editors are attached to the units they work for."""

    covered_unit_ids: set[int]  # set by `permissions.membership_for`, for the request

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    units = models.ManyToManyField(Unit, blank=True, verbose_name=_("units"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_role_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def audit_subject(self):
        return self

    def is_last_administrator(self):
        if self.role != Role.ADMINISTRATOR:
            return False
        others = Membership.objects.filter(organisation=self.organisation_id, role=self.role)
        return not others.exclude(pk=self.pk).exists()

    def deletion_blocker(self):
        if self.is_last_administrator():
            return gettext("The organisation must keep at least one administrator.")
        return super().deletion_blocker()


class Person(OrganisationOwned):
    """A contact person; may or may not have a login."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("unit")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name
