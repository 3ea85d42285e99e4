import os

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from utsyn.arenas.models import Arena
from utsyn.money.models import ExchangeRate, reporting_currency
from utsyn.organisations.formbase import OrganisationModelForm
from utsyn.organisations.models import Person, Unit
from utsyn.plans.models import PlanItem
from utsyn.sdgs.tagging import SdgTaggingMixin

from .models import (
    NAME_LANGUAGES,
    FundingProgramme,
    Project,
    ProjectDocument,
    ProjectPartner,
    programme_tree,
)
from .uploads import ALLOWED_EXTENSIONS, MAX_SIZE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def programme_choices(programmes, empty_label="---------"):
    """Choices in tree order, each part indented under its programme."""
    return [("", empty_label)] + [
        (programme.pk, "\u2013 " * depth + str(programme))
        for programme, depth in programme_tree(programmes)
    ]


class ProjectForm(SdgTaggingMixin, OrganisationModelForm):
    scoped_fields = {
        "responsible_unit": Unit,
        "contact_persons": Person,
        "plan_items": PlanItem,
        "arenas": Arena,
    }
    responsibility_fields = {"responsible_unit": "pk"}
    unique_name_message = _("This organisation already has a project with that title.")
    unique_field = "title"

    class Meta(OrganisationModelForm.Meta):
        model = Project
        fields = [
            "title",
            "acronym",
            "status",
            "programme",
            "call_identifier",
            "role",
            "description",
            "responsible_unit",
            "contact_persons",
            "application_deadline",
            "decision_expected",
            "planned_application_year",
            "start_date",
            "end_date",
            "currency",
            "project_budget",
            "total_budget",
            "grant_amount",
            "own_contribution",
            "plan_items",
            "arenas",
            "sdg_goals",
            "sdg_targets",
            "results",
            "is_illustrative",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "application_deadline": DATE,
            "decision_expected": DATE,
            "start_date": DATE,
            "end_date": DATE,
            "contact_persons": forms.CheckboxSelectMultiple,
            "plan_items": forms.SelectMultiple(attrs={"size": 8}),
            "arenas": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = FundingProgramme.objects.for_organisation(self.organisation)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].choices = programme_choices(programmes)
        self.fields["plan_items"].queryset = self.fields["plan_items"].queryset.select_related(
            "plan"
        )
        self.fields["plan_items"].label_from_instance = lambda item: f"{item.plan}: {item}"
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("currency", reporting_currency(self.organisation))


class ProjectPartnerForm(OrganisationModelForm):
    class Meta(OrganisationModelForm.Meta):
        model = ProjectPartner
        fields = ["name", "city", "country", "role"]


class ProjectDocumentForm(OrganisationModelForm):
    class Meta(OrganisationModelForm.Meta):
        model = ProjectDocument
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(types)s; at most %(size)d MB.") % {
            "types": ", ".join(ALLOWED_EXTENSIONS),
            "size": MAX_SIZE // (1024 * 1024),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in ALLOWED_EXTENSIONS
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            name = get_valid_filename(os.path.basename(upload.name)) or "document"
            self.instance.filename = name[-200:]
            self.instance.size = upload.size
        return upload


class ProgrammeForm(OrganisationModelForm):
    unique_name_message = _("This organisation already has a programme with that name.")

    class Meta(OrganisationModelForm.Meta):
        model = FundingProgramme
        fields = [
            "name",
            *(f"name_{language}" for language in NAME_LANGUAGES),
            "short_name",
            "parent",
            "kind",
            "website",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = FundingProgramme.objects.for_organisation(self.organisation)
        if self.instance.pk:
            programmes = programmes.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = programmes
        self.fields["parent"].choices = programme_choices(programmes)
        for language in NAME_LANGUAGES:
            self.fields[f"name_{language}"].help_text = _(
                "Shown to readers in this language; leave it empty to show the name above."
            )

    def clean(self):
        cleaned_data = super().clean()
        # No own programme may be named like a shared one in any language: the choice lists
        # would show the two alike.
        taken = {
            name.casefold()
            for programme in FundingProgramme.objects.shared()
            for name in programme.all_names()
        }
        for name in ["name", *(f"name_{language}" for language in NAME_LANGUAGES)]:
            value = cleaned_data.get(name)
            if value and value.casefold() in taken:
                self.add_error(name, _("The shared list already has a programme with that name."))
        return cleaned_data


class ExchangeRateForm(OrganisationModelForm):
    unique_name_message = _("There is already a rate for this currency in this year.")
    unique_field = "currency"

    class Meta(OrganisationModelForm.Meta):
        model = ExchangeRate
        fields = ["year", "currency", "rate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reporting_currency = reporting_currency(self.organisation)
        self.fields["rate"].help_text = _(
            "What one unit of the currency is worth in %(currency)s."
        ) % {"currency": self.reporting_currency}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1990 <= year <= 2100:
            raise ValidationError(_("Give a year between 1990 and 2100."))
        return year

    def clean_currency(self):
        currency = self.cleaned_data["currency"]
        if currency == self.reporting_currency:
            raise ValidationError(
                _(
                    "%(currency)s is the reporting currency: amounts in it are never converted, "
                    "so it needs no rate."
                )
                % {"currency": currency}
            )
        return currency

    def clean_rate(self):
        rate = self.cleaned_data["rate"]
        if rate is not None and rate <= 0:
            raise ValidationError(_("The rate must be more than 0."))
        return rate
