from django import forms
from django.utils.translation import gettext_lazy as _

from utsyn.core.forms import OrganisationModelForm
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
        units = self.fields["responsible"].queryset
        self.fields["responsible"].queryset = units.filter(kind__in=Unit.POLITICAL_KINDS)
        self.fields["operational_unit"].queryset = units.exclude(kind__in=Unit.POLITICAL_KINDS)


class AssessmentForm(OrganisationModelForm):
    scoped_fields = {"assessor": Unit}

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
