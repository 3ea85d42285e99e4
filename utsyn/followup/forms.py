from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from utsyn.arenas.models import Arena
from utsyn.audit.editing import AuditedActionForm
from utsyn.organisations.formbase import OrganisationModelForm
from utsyn.plans.models import Plan

from .models import ArenaReview, ItemUpdate, Round

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(OrganisationModelForm):
    scoped_fields = {"plans": Plan, "arenas": Arena}
    unique_name_message = _("This organisation already has a round with that name.")

    class Meta(OrganisationModelForm.Meta):
        model = Round
        fields = [
            "name",
            "period_kind",
            "period_start",
            "period_end",
            "due_date",
            "instructions",
            "plans",
            "arenas",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "due_date": DATE,
            "instructions": forms.Textarea(attrs={"rows": 4}),
            "plans": forms.CheckboxSelectMultiple,
            "arenas": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "plans": _(
                "The items of the levels each plan follows up, and the items marked as followed "
                "up, are asked for a status update."
            ),
            "arenas": _("The arenas due for assessment in this round."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Ended arenas need no assessment; the last one's date shows which are due.
        arenas = self.fields["arenas"]
        arenas.queryset = arenas.queryset.exclude(status=Arena.Status.ENDED).annotate(
            last_assessed=Max("assessments__assessed_on")
        )
        arenas.label_from_instance = _arena_label


def _arena_label(arena):
    if arena.last_assessed is None:
        return _("%(arena)s (never assessed)") % {"arena": arena}
    return _("%(arena)s (last assessed %(year)s)") % {
        "arena": arena,
        "year": arena.last_assessed.year,
    }


class ItemUpdateForm(OrganisationModelForm):
    class Meta(OrganisationModelForm.Meta):
        model = ItemUpdate
        fields = ["status", "progress", "text", "internal_note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def clean(self):
        data = super().clean()
        if self.submitting and not data.get("status"):
            self.add_error("status", _("Choose a status before submitting."))
        return data


class ArenaReviewForm(OrganisationModelForm):
    class Meta(OrganisationModelForm.Meta):
        model = ArenaReview
        fields = ArenaReview.CRITERIA_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("participation_text", "learning_text", "influence_text", "summary")
        }

    def clean(self):
        data = super().clean()
        if self.submitting and not data.get("recommendation"):
            self.add_error("recommendation", _("Give a recommendation before submitting."))
        return data


TASK_FORMS = {"update": ItemUpdateForm, "review": ArenaReviewForm}


def task_form(kind, data, task, organisation, submitting):
    form = TASK_FORMS[kind](data, instance=task, organisation=organisation)
    form.submitting = submitting
    return form


class ApproveForm(AuditedActionForm):
    """The approve button: refused when the task changed after the coordinator opened it."""


class ReturnForm(AuditedActionForm):
    comment = forms.CharField(
        label=_("Why is it returned? The unit sees this comment."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
