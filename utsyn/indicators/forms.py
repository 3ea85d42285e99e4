from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from utsyn.organisations.formbase import OrganisationModelForm
from utsyn.plans.forms import PlanItemChoiceField
from utsyn.plans.models import PlanItem
from utsyn.plans.queries import covered_items

from .models import Indicator, IndicatorTarget, IndicatorValue


class IndicatorForm(OrganisationModelForm):
    scoped_fields = {"items": PlanItem}
    # An indicator belongs to the units of the items it measures (their own or inherited).
    responsibility_fields = {"items": (covered_items,)}
    unique_name_message = _("This organisation already has an indicator with that name.")

    class Meta(OrganisationModelForm.Meta):
        model = Indicator
        fields = [
            "name",
            "description",
            "unit",
            "baseline_year",
            "baseline_value",
            "source",
            "items",
        ]
        field_classes = {"items": PlanItemChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "items": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The labels name each item's plan: one query instead of one per choice.
        items = self.fields["items"]
        items.queryset = items.queryset.select_related("plan")


class IndicatorPartForm(OrganisationModelForm):
    """A target or an observed value of one indicator.

    The indicator is set on the instance before validation, so that the constraint "one per
    year (and part of the year)" is checked with the form and a clash is shown as a message.
    """

    clash_message = None

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except ValidationError:
            self.add_error(None, self.clash_message)
        # The parent's check would report the same clash again, in Django's generic words.
        forms.ModelForm.validate_unique(self)


class TargetForm(IndicatorPartForm):
    clash_message = _("There is already a target for that year.")

    class Meta(OrganisationModelForm.Meta):
        model = IndicatorTarget
        fields = ["year", "value"]


class ValueForm(IndicatorPartForm):
    clash_message = _("There is already a value for that year and part of the year.")

    class Meta(OrganisationModelForm.Meta):
        model = IndicatorValue
        fields = ["year", "period", "value", "note"]

    def clean_period(self):
        # "t1" and "T1" are the same tertial; one spelling keeps the constraint meaningful.
        return self.cleaned_data["period"].upper()
