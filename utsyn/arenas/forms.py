from django import forms
from django.utils.translation import gettext_lazy as _

from utsyn.organisations.formbase import OrganisationModelForm
from utsyn.organisations.models import Person, Unit
from utsyn.sdgs.tagging import SdgTaggingMixin

from .models import Arena, Assessment, Decision, Theme


class ArenaForm(SdgTaggingMixin, OrganisationModelForm):
    scoped_fields = {
        "themes": Theme,
        "responsible": Unit,
        "operational_unit": Unit,
        "contact_persons": Person,
    }
    responsibility_fields = {"responsible": "pk", "operational_unit": "pk"}
    unique_name_message = _("This organisation already has an arena with that name.")

    class Meta(OrganisationModelForm.Meta):
        model = Arena
        fields = [
            "name",
            "acronym",
            "kind",
            "status",
            "status_date",
            "description",
            "website",
            "scope",
            "themes",
            "since_year",
            "until_year",
            "intermediary",
            "intermediary_role",
            "responsible",
            "operational_unit",
            "contact_persons",
            "yearly_fee",
            "fee_currency",
            "city",
            "country",
            "latitude",
            "longitude",
            "history",
            "sdg_goals",
            "sdg_targets",
            "is_published",
        ]
        widgets = {
            "status_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "themes": forms.CheckboxSelectMultiple,
            "contact_persons": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "history": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        responsible, operational = self.fields["responsible"], self.fields["operational_unit"]
        responsible.queryset = responsible.queryset.filter(kind__in=Unit.POLITICAL_KINDS)
        operational.queryset = operational.queryset.exclude(kind__in=Unit.POLITICAL_KINDS)


class AssessmentForm(OrganisationModelForm):
    scoped_fields = {"assessor": Unit}
    # Who assessed the arena says nothing about who looks after it.
    other_unit_fields = ("assessor",)

    class Meta(OrganisationModelForm.Meta):
        model = Assessment
        fields = [
            "assessed_on",
            "assessor",
            "reference",
            "participation",
            "participation_text",
            "learning",
            "learning_text",
            "influence",
            "influence_text",
            "summary",
            "recommendation",
        ]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participation_text": forms.Textarea(attrs={"rows": 2}),
            "learning_text": forms.Textarea(attrs={"rows": 2}),
            "influence_text": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }


class DecisionForm(OrganisationModelForm):
    scoped_fields = {"body": Unit}
    other_unit_fields = ("body",)

    class Meta(OrganisationModelForm.Meta):
        model = Decision
        fields = ["body", "decided_on", "case_reference", "outcome", "text"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = self.fields["body"].queryset.filter(
            kind__in=Unit.POLITICAL_KINDS
        )
