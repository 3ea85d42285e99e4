from django import forms
from django.utils.translation import gettext_lazy as _

from utsyn.arenas.models import Arena
from utsyn.core.formfields import BoundedModelMultipleChoiceField
from utsyn.organisations.formbase import OrganisationModelForm
from utsyn.organisations.models import Person, Unit
from utsyn.sdgs.tagging import SdgTaggingMixin

from .models import Plan, PlanItem, PlanRole

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanItemChoiceField(BoundedModelMultipleChoiceField):
    """Items of any plan, each named with its plan (for indicators, activities …)."""

    def label_from_instance(self, obj):
        name = f"{obj.identifier} – {obj.title}" if obj.identifier else obj.title
        return f"{name} ({obj.plan.title})"


class LevelsField(forms.TypedMultipleChoiceField):
    """The plan's levels by number, offered under their names; a number the plan does not
    name is refused with a message that says so."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(coerce=int, required=False, **kwargs)
        self.error_messages["invalid_choice"] = _("The plan has no level %(value)s.")


class PlanForm(OrganisationModelForm):
    scoped_fields = {"adopted_by": Unit, "document_owner": Unit, "implements": Plan}
    other_unit_fields = ("adopted_by", "document_owner")
    unique_name_message = _("This organisation already has a plan with that title.")
    unique_field = "title"

    followed_up_levels = LevelsField(
        label=_("Levels followed up"),
        help_text=Plan._meta.get_field("followed_up_levels").help_text,
    )

    class Meta(OrganisationModelForm.Meta):
        model = Plan
        fields = [
            "type",
            "title",
            "status",
            "description",
            "start_year",
            "end_year",
            "adopted_by",
            "adopted_on",
            "case_reference",
            "document_owner",
            "valid_until",
            "cadence",
            "follow_up",
            "implements",
            "level_names",
            "followed_up_levels",
            "references",
            "is_published",
        ]
        widgets = {
            "adopted_on": DATE,
            "valid_until": DATE,
            "description": forms.Textarea(attrs={"rows": 6}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
            "level_names": forms.Textarea(attrs={"rows": 4}),
            "references": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["implements"].queryset = self.fields["implements"].queryset.exclude(
                pk=self.instance.pk
            )
        # The levels on offer are those the form names: as sent, else as stored.
        names = self.instance.levels() if self.instance.level_names else []
        if self.is_bound:
            sent = self.data.get(self.add_prefix("level_names"), "")
            names = [line.strip() for line in str(sent).splitlines() if line.strip()]
        field = self.fields["followed_up_levels"]
        field.choices = [(number, f"{number}. {name}") for number, name in enumerate(names, 1)]
        if not names:
            field.help_text = _(
                "Once the levels are named, choose here which of them rounds ask about. Until "
                "then: the lowest."
            )


class PlanRoleForm(OrganisationModelForm):
    scoped_fields = {"unit": Unit}
    # A unit's role in the plan as a whole, set by the coordinator who shapes the plan.
    other_unit_fields = ("unit",)

    class Meta(OrganisationModelForm.Meta):
        model = PlanRole
        fields = ["unit", "responsibilities"]
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 5})}


class PlanItemForm(SdgTaggingMixin, OrganisationModelForm):
    """An item's content and follow-up. Only those who may shape the plan assign the
    responsible units (`item.assign_units`); editors see the form without them."""

    scoped_fields = {
        "responsible_unit": Unit,
        "collaborating_units": Unit,
        "contact_persons": Person,
        "arenas": Arena,
        "serves": PlanItem,
    }
    unique_name_message = _("This plan already has an item with that identifier.")
    unique_field = "identifier"
    responsibility_fields = {"responsible_unit": "pk", "collaborating_units": "pk"}
    # Where the item stands in the plan's shape: the coordinator's, like its units.
    shape_fields = ("is_section", "followed_up")
    # The item's place in the tree is changed by moving and reordering, never by this form:
    # rearranging the plan while someone edits an item's text is no conflict.
    concurrency_exempt = ("parent", "position")

    class Meta(OrganisationModelForm.Meta):
        model = PlanItem
        fields = [
            "identifier",
            "title",
            "is_section",
            "followed_up",
            "description",
            "responsible_unit",
            "collaborating_units",
            "contact_persons",
            "sdg_goals",
            "sdg_targets",
            "arenas",
            "serves",
            "status",
            "progress",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "collaborating_units": forms.CheckboxSelectMultiple,
            "contact_persons": forms.CheckboxSelectMultiple,
            "arenas": forms.SelectMultiple(attrs={"size": 8}),
            "serves": forms.SelectMultiple(attrs={"size": 8}),
            "planned_start": DATE,
            "planned_end": DATE,
            "actual_start": DATE,
            "actual_end": DATE,
        }

    def __init__(self, *args, plan, user, parent=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.plan = plan
        if not self.instance.pk:
            self.instance.parent = parent  # so that the new item's level is checked
        # A measure serves items of other plans (a priority of the strategy it implements).
        self.fields["serves"].queryset = (
            self.fields["serves"].queryset.exclude(plan=plan).select_related("plan")
        )
        self.fields["serves"].label_from_instance = lambda item: f"{item.plan}: {item}"
        if not user.has_perm("item.assign_units", plan):
            for name in self.responsibility_fields:
                del self.fields[name]
        if not user.has_perm("plan.change", plan):
            for name in self.shape_fields:
                del self.fields[name]
        place = getattr(self.instance, "place", None)
        if "responsible_unit" in self.fields and place is not None and place.inherits_unit:
            self.fields["responsible_unit"].help_text = _(
                "Empty: %(unit)s, inherited from %(item)s. Choose a unit to change it."
            ) % {
                "unit": place.unit,
                "item": place.unit_source.place.heading or place.unit_source.title,
            }


class MoveItemForm(forms.Form):
    """Places an item under another item of the same plan, or at the top; it goes last there."""

    parent = forms.ModelChoiceField(
        queryset=PlanItem.objects.none(),
        required=False,
        label=_("New place"),
        empty_label=_("At the top of the plan"),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["parent"].queryset = PlanItem.objects.filter(plan=item.plan_id).exclude(
            pk=item.pk
        )
        self.fields["parent"].initial = item.parent_id

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if parent and self.item.pk in [parent.pk, *parent.ancestor_ids()]:
            raise forms.ValidationError(
                _("An item cannot be placed under itself or its own sub-items.")
            )
        # Would the item, or one below it, fall below the plan's last named level there?
        old_parent = self.item.parent
        self.item.parent = parent
        try:
            error = self.item.level_error()
        finally:
            self.item.parent = old_parent
        if error:
            raise forms.ValidationError(error)
        return parent
