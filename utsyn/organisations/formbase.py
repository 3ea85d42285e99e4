"""The base of every form for an organisation's rows: choices from the same organisation, and
responsibility only for units the user may assign (`permissions.assignable_unit_ids`)."""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from utsyn.audit.editing import AuditedFormMixin
from utsyn.core.formfields import model_formfield
from utsyn.core.illustrative import DEMO_ONLY_FIELDS, shows_illustrative

from .models import Unit
from .permissions import assignable_unit_ids
from .unit_tree import UnitChoiceField, UnitMultipleChoiceField

# Given the units an editor covers and a field's choices, the condition of those he covers.
CoveredChoices = Callable[[set[int], QuerySet], Q]

NOT_YOURS = _("You can only choose units you look after.")
NONE_OF_YOURS = _(
    "Choose at least one unit you look after: otherwise you could not change this afterwards."
)


def _unscoped_formfield(db_field, **kwargs):
    # Model forms build their choice fields when the class is defined, outside any request's
    # scope. The choices are narrowed to the form's organisation in __init__.
    if getattr(db_field, "related_model", None) is Unit:
        # Every choice of units shows the tree (`unit_tree`).
        many = isinstance(db_field, models.ManyToManyField)
        kwargs.setdefault("form_class", UnitMultipleChoiceField if many else UnitChoiceField)
    with scopes_disabled():
        return model_formfield(db_field, **kwargs)


class OrganisationModelForm(AuditedFormMixin, forms.ModelForm):
    """A model form for one organisation's rows.

    `scoped_fields` maps field names to the models whose choices must come from the same
    organisation: a crafted POST cannot point at another tenant's unit or person. The
    organisation is set on the instance before validation, so that the unique constraints
    that include it (a name unique within the organisation) are checked like any other field.
    An edit form carries the state it was opened with and refuses to save over a change made
    meanwhile (`utsyn.core.concurrency`, through `AuditedFormMixin`).

    `responsibility_fields` maps the fields that make a unit responsible for the row to the
    paths from a choice to its units ("pk" for a unit field itself), or to a function that
    gives the choices covered as a Q (plan items, whose unit may be inherited). For an editor
    they offer only what he or she covers (and what the row already names), refuse anything
    else, and must name at least one covered unit, so that the editor keeps the row. Such a
    form needs the `user`. A form's other unit fields (an assessor, a deciding body) assign no
    responsibility and are listed in `other_unit_fields`; the form-walking test
    (`utsyn/organisations/tests/test_responsibility_fields.py`) fails for a unit field that is
    in neither.

    Every unit field offers its units as the tree (`unit_tree.UnitChoiceField`), and the
    "illustrative example" mark (`core.illustrative.DEMO_ONLY_FIELDS`) is a field only in an
    organisation that holds demo data.
    """

    scoped_fields: dict[str, Any] = {}
    responsibility_fields: dict[str, str | tuple[str | CoveredChoices, ...]] = {}
    other_unit_fields: tuple[str, ...] = ()
    unique_name_message: Any = None
    unique_field = "name"  # the field that gets `unique_name_message` on a clash

    class Meta:
        formfield_callback = _unscoped_formfield

    def __init__(self, *args, organisation, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        if not shows_illustrative(organisation):
            # A real organisation's forms do not offer to mark rows as invented; a row that
            # is marked keeps its mark, which this form then leaves alone.
            for name in DEMO_ONLY_FIELDS:
                self.fields.pop(name, None)
        for name, model in self.scoped_fields.items():
            cast(forms.ModelChoiceField, self.fields[name]).queryset = model.objects.filter(
                organisation=organisation
            )
        self.covered_unit_ids: set[int] | None = None
        if self.responsibility_fields:
            if user is None:
                raise TypeError(f"{type(self).__name__} assigns responsibility: pass the user")
            self.covered_unit_ids = assignable_unit_ids(user, organisation.pk)
            if self.covered_unit_ids is not None:
                self._narrow_responsibility()

    def _responsibility_in_form(self):
        return {
            name: paths for name, paths in self.responsibility_fields.items() if name in self.fields
        }

    def _narrow_responsibility(self):
        in_form = self._responsibility_in_form()
        for name, paths in in_form.items():
            field = cast(forms.ModelChoiceField, self.fields[name])
            paths = (paths,) if isinstance(paths, str) else paths
            choices = field.queryset
            assert choices is not None
            yours = Q()
            for path in paths:
                if callable(path):  # a rule no lookup can express: it is asked for a Q
                    yours |= path(self.covered_unit_ids, choices)
                else:
                    yours |= Q(**{f"{path}__in": self.covered_unit_ids})
            current = self._current_choice_ids(name)
            field.queryset = choices.filter(yours | Q(pk__in=current)).distinct()
            field.error_messages["invalid_choice"] = NOT_YOURS
            field.error_messages["invalid_pk_value"] = NOT_YOURS
            if not field.help_text:
                field.help_text = _("Among the units you look after.")
            if len(in_form) == 1:
                # The one field that keeps the row the editor's: say so where it is.
                field.required = True

    def _current_choice_ids(self, name):
        # What the row already names stays choosable: an editor of the operational unit keeps
        # the political body that an administrator chose.
        if not self.instance.pk:
            return []
        value = getattr(self.instance, name)
        if hasattr(value, "all"):
            return list(value.values_list("pk", flat=True))
        return [value.pk] if value is not None else []

    def clean(self):
        cleaned = super().clean()
        if self.covered_unit_ids is not None and self._responsibility_in_form():
            if not self.errors and not self._names_a_covered_unit(cleaned):
                raise ValidationError(NONE_OF_YOURS, code="no_own_unit")
        return cleaned

    def _names_a_covered_unit(self, cleaned):
        covered = self.covered_unit_ids or set()
        for name in self._responsibility_in_form():
            value = cleaned.get(name)
            if not value:
                continue
            chosen = value if hasattr(value, "filter") else [value]
            if any(set(_unit_ids(obj)) & covered for obj in chosen):
                return True
        return False

    def validate_unique(self):
        # Django skips constraints that involve a field the form does not show (the
        # organisation), so they are checked here to give a message instead of a crash.
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            if self.unique_name_message and self.unique_field in self.fields:
                self.add_error(self.unique_field, self.unique_name_message)
            else:
                self.add_error(None, error)
        super().validate_unique()


def _unit_ids(obj):
    # A unit names itself; anything else (a plan item) names its responsible units.
    responsible = getattr(obj, "responsible_unit_ids", None)
    return responsible() if responsible else [obj.pk]
