"""Tagging a model (plan items, arenas) with SDG goals and targets in its form."""

from django.utils.translation import gettext_lazy as _

from .forms import SdgGoalsField, SdgTargetsField


class SdgTaggingMixin:
    """Replaces the model form's `sdg_goals` and `sdg_targets` fields with friendly ones:
    checkboxes for the 17 goals, and target codes typed as text ("11.3, 17.17").

    The model form saves both like any many-to-many field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg_goals"] = SdgGoalsField(required=False, label=_("SDG goals"))
        self.fields["sdg_targets"] = SdgTargetsField(
            required=False,
            label=_("SDG targets"),
            help_text=_("Target numbers separated by commas, e.g. “11.3, 17.17”."),
        )
        if self.instance.pk:
            self.initial["sdg_goals"] = list(self.instance.sdg_goals.all())
            codes = self.instance.sdg_targets.values_list("code", flat=True)
            self.initial["sdg_targets"] = ", ".join(codes)
