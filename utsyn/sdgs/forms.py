"""Form fields for tagging things with SDG goals and targets."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from utsyn.core.formfields import BoundedModelMultipleChoiceField

from .models import Goal, Target

_SEPARATORS = re.compile(r"[\s,;]+")
# "1.1", "17.19", "1.a": the goal's number, a dot, then a number or a single letter.
_CODE = re.compile(r"\d{1,2}\.(\d{1,2}|[a-z])")


def target_codes_text(targets):
    """The text a user would type for the targets: "11.3, 17.17"."""
    return ", ".join(getattr(target, "code", target) for target in targets)


def _codes_in(text):
    """The codes in the order typed, lower-cased (official letters are lower case), once each."""
    codes = (code.lower() for code in _SEPARATORS.split(text) if code)
    return list(dict.fromkeys(codes))


class SdgTargetsField(forms.CharField):
    """Target codes typed as text, separated by commas or spaces ("11.3, 17.17").

    A list of checkboxes for 169 targets would be unusable; people know the codes from the
    plans they transcribe. `clean()` returns the `Target` objects in the order given.
    """

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return target_codes_text(value)

    def to_python(self, value):
        return super().to_python(self.prepare_value(value))

    def clean(self, value):
        text = super().clean(value)
        return self._targets(_codes_in(text)) if text else []

    def has_changed(self, initial, data):
        # "11.3,17.17" and "11.3, 17.17" are the same choice; the audit log should not differ.
        initial_codes = _codes_in(self.to_python(initial))
        return initial_codes != _codes_in(self.to_python(data))

    @staticmethod
    def _targets(codes):
        found = Target.objects.in_bulk([code for code in codes if _CODE.fullmatch(code)])
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(
                ngettext(
                    "Unknown SDG target: %(codes)s",
                    "Unknown SDG targets: %(codes)s",
                    len(unknown),
                ),
                code="unknown_target",
                params={"codes": ", ".join(unknown)},
            )
        return [found[code] for code in codes]


class SdgGoalsField(BoundedModelMultipleChoiceField):
    """Checkboxes for the 17 goals, labelled "11. Sustainable cities and communities"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        # A fresh queryset per field, so the labels follow the language of each request.
        super().__init__(queryset=Goal.objects.all(), **kwargs)
