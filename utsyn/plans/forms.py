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
        return f"{obj.identifier} – {obj.title} ({obj.plan.title})"


class PlanForm(OrganisationModelForm):
    scoped_fields = {"adopted_by": Unit, "document_owner": Unit, "implements": Plan}
    other_unit_fields = ("adopted_by", "document_owner")
    unique_name_message = _("This organisation already has a plan with that title.")
    unique_field = "title"

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
    # The item's place in the tree is changed by moving and reordering, never by this form:
    # rearranging the plan while someone edits an item's text is no conflict.
    concurrency_exempt = ("parent", "position")

    class Meta(OrganisationModelForm.Meta):
        model = PlanItem
        fields = [
            "identifier",
            "title",
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

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.plan = plan
        # A measure serves items of other plans (a priority of the strategy it implements).
        self.fields["serves"].queryset = (
            self.fields["serves"].queryset.exclude(plan=plan).select_related("plan")
        )
        self.fields["serves"].label_from_instance = lambda item: f"{item.plan}: {item}"
        if not user.has_perm("item.assign_units", plan):
            for name in self.responsibility_fields:
                del self.fields[name]


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
        return parent
