from typing import cast

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
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
        "covers": Arena,
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
            "status_reason",
            "description",
            "website",
            "scope",
            "themes",
            "covers",
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
            "status_reason": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
            "covers": forms.CheckboxSelectMultiple,
            "contact_persons": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "history": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        responsible, operational = self.fields["responsible"], self.fields["operational_unit"]
        responsible.queryset = responsible.queryset.filter(kind__in=Unit.POLITICAL_KINDS)
        operational.queryset = operational.queryset.exclude(kind__in=Unit.POLITICAL_KINDS)
        covers = self.fields["covers"]
        # The organisation's other arenas: not itself, and never another organisation's.
        covers.queryset = covers.queryset.exclude(pk=self.instance.pk).order_by("name")
        covers.error_messages["invalid_choice"] = _(
            "Choose other arenas of this organisation's register."
        )

    def clean(self):
        cleaned = super().clean()
        if "status" in self.changed_data and "status_reason" not in self.changed_data:
            # The reason was given for the status before: it would contradict the new one.
            cleaned["status_reason"] = ""
        kind = cleaned.get("kind")
        if kind and cleaned.get("covers") and not self.instance.can_cover(kind):
            self.add_error("covers", _("Only an agreement or a network can cover other arenas."))
        if kind and "kind" in self.changed_data:
            unfitting = self.instance.decisions_not_fitting(kind)
            if unfitting.exists():
                outcomes = sorted({str(decision.get_outcome_display()) for decision in unfitting})
                self.add_error(
                    "kind",
                    _(
                        "Its decisions (%(outcomes)s) do not fit this kind of arena: change "
                        "them first."
                    )
                    % {"outcomes": ", ".join(outcomes)},
                )
        return cleaned


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
    """A decision on `arena`, with the outcomes that fit the arena's kind."""

    scoped_fields = {"body": Unit}
    other_unit_fields = ("body",)

    class Meta(OrganisationModelForm.Meta):
        model = Decision
        fields = ["body", "decided_on", "case_reference", "outcome", "text"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        # Set before validation, so that the model's rules see which arena it is about.
        self.instance.arena = arena
        self.fields["body"].queryset = self.fields["body"].queryset.filter(
            kind__in=Unit.POLITICAL_KINDS
        )
        outcome = cast(forms.ChoiceField, self.fields["outcome"])
        fitting = Decision.outcomes_for(arena.kind)
        outcome.choices = BLANK_CHOICE_DASH + [
            (value, Decision.Outcome(value).label) for value in fitting
        ]
        outcome.error_messages["invalid_choice"] = _(
            "This outcome does not fit this kind of arena (%(kind)s)."
        ) % {"kind": arena.get_kind_display()}
        if arena.kind in Arena.PARTNER_CITY_KINDS:
            outcome.help_text = _(
                "Suspending puts the cooperation on hold; establishing, continuing, renewing and "
                "resuming make it active; ending makes it ending. A decision older than another "
                "one recorded leaves the status as it is."
            )
            self.fields["text"].help_text = _("When the cooperation is suspended: the reason.")
        else:
            outcome.help_text = _(
                "Joining and continuing make the arena active; leaving makes it ending. A "
                "decision older than another one recorded leaves the status as it is."
            )
