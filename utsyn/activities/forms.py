import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utsyn.arenas.models import Arena
from utsyn.organisations.formbase import OrganisationModelForm
from utsyn.organisations.models import Person, Unit
from utsyn.plans.forms import PlanItemChoiceField
from utsyn.plans.models import PlanItem

from .models import (
    GROUP_SIZE_MAX,
    GROUP_SIZE_MESSAGE,
    GROUP_SIZE_MIN,
    Activity,
    Cost,
    DelegationRequest,
    Participant,
    ProgrammeItem,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _with_plans(field):
    # The labels name each item's plan: one query instead of one per choice.
    field.queryset = field.queryset.select_related("plan")


class ActivityForm(OrganisationModelForm):
    scoped_fields = {
        "counterpart_arena": Arena,
        "plan_items": PlanItem,
        "responsible_unit": Unit,
    }
    responsibility_fields = {"responsible_unit": "pk"}

    class Meta(OrganisationModelForm.Meta):
        model = Activity
        fields = [
            "title",
            "kind",
            "status",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "place",
            "city",
            "country",
            "counterpart_arena",
            "counterpart_text",
            "purpose",
            "plan_items",
            "responsible_unit",
            "recurrence",
            "report",
            "notes",
            "is_published",
        ]
        field_classes = {"plan_items": PlanItemChoiceField}
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "report": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "plan_items": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_plans(self.fields["plan_items"])


class ParticipantForm(OrganisationModelForm):
    scoped_fields = {"person": Person}

    class Meta(OrganisationModelForm.Meta):
        model = Participant
        fields = ["name", "person", "role", "kind"]

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.activity = activity


class CostForm(OrganisationModelForm):
    class Meta(OrganisationModelForm.Meta):
        model = Cost
        fields = ["category", "description", "amount", "currency", "year"]

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        # Set before validation: the year defaults to the year the activity starts.
        self.instance.activity = activity
        if self.instance.pk is None:
            self.initial.setdefault("year", activity.starts_on.year)
        self.fields["amount"].widget.attrs["min"] = "0"


# ------------------------------------------------------------------------ delegation requests


def parse_token(value):
    """The UUID in a form's token field, or None."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class VisitRequestForm(OrganisationModelForm):
    """The public form with which a delegation asks to visit.

    `submission_token` is a one-time token written into the form when it is shown; the request
    is saved with it, so the same form sent twice is recognised. The honeypot field is not part
    of the form: the view looks at it before anything else.
    """

    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(OrganisationModelForm.Meta):
        model = DelegationRequest
        fields = [
            "delegation_name",
            "country",
            "contact_name",
            "email",
            "phone",
            "preferred_from",
            "preferred_to",
            "group_size",
            "interests",
        ]
        widgets = {
            "preferred_from": DATE,
            "preferred_to": DATE,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "delegation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "interests": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "interests": _(
                "Themes, questions and whom you would like to meet, e.g. climate adaptation, "
                "the ocean economy, elderly care."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_token"] = uuid.uuid4()
        group_size = self.fields["group_size"]
        group_size.min_value = None  # one message for every unrealistic size, below
        group_size.validators = []
        group_size.widget.attrs.update({"min": GROUP_SIZE_MIN, "max": GROUP_SIZE_MAX})

    def clean_submission_token(self):
        # A missing or mangled token is no reason to refuse the request; it just gets a new one.
        return parse_token(self.cleaned_data["submission_token"])

    def clean_group_size(self):
        size = self.cleaned_data["group_size"]
        if size is not None and not GROUP_SIZE_MIN <= size <= GROUP_SIZE_MAX:
            raise forms.ValidationError(GROUP_SIZE_MESSAGE)
        return size

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        start, end = cleaned.get("preferred_from"), cleaned.get("preferred_to")
        if start and start < today:
            self.add_error("preferred_from", _("The visit cannot start in the past."))
        elif end and end < today and not start:
            self.add_error("preferred_to", _("The visit cannot end in the past."))
        self.instance.submission_token = cleaned.get("submission_token") or uuid.uuid4()
        return cleaned


class TriageForm(OrganisationModelForm):
    scoped_fields = {"plan_items": PlanItem}

    class Meta(OrganisationModelForm.Meta):
        model = DelegationRequest
        fields = ["plan_items", "triage_comment"]
        field_classes = {"plan_items": PlanItemChoiceField}
        widgets = {
            "plan_items": forms.CheckboxSelectMultiple,
            "triage_comment": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_plans(self.fields["plan_items"])


class AnswerForm(forms.Form):
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Added to the templated reply, in the language of the request."),
    )


class ProgrammeItemForm(OrganisationModelForm):
    scoped_fields = {"host_unit": Unit}
    other_unit_fields = ("host_unit",)

    class Meta(OrganisationModelForm.Meta):
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "title", "place", "host_unit", "partners", "note"]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "partners": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, delegation_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.delegation_request = delegation_request
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("starts_at", _at(delegation_request.preferred_from, 9))
            self.initial.setdefault("ends_at", _at(delegation_request.preferred_from, 10))


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
