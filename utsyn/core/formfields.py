"""Form fields shared by every form."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils import translation
from django_countries import countries
from django_countries.fields import CountryField


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that refuses an id outside the key's range with the field's
    own message. Django checks each id's type but sends them all to the database in one
    `IN (…)`, where an integer beyond the column's range is an error, not "no such row"
    (SQLite: OverflowError beyond 64 bits; PostgreSQL: out of range for the column type)."""

    def _check_values(self, value):
        assert self.queryset is not None
        key = self.queryset.model._meta.pk
        if self.to_field_name:
            key = self.queryset.model._meta.get_field(self.to_field_name)
        if isinstance(key, models.IntegerField):
            operations = connections[self.queryset.db].ops
            low, high = operations.integer_field_range(key.get_internal_type())
            for pk in value:
                self._check_range(pk, low, high)
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs

    def _check_range(self, pk, low, high):
        try:
            number = int(str(pk).strip())
        except ValueError:
            return  # not a number: Django's own check gives the message
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": pk},
            )


@functools.cache
def _countries_in(language):
    # django-countries translates and sorts its 250 names on every pass over the list, and a
    # form page passes over it several times (the widget, the check of the value), which made
    # the forms with a country the slowest pages. The names only change with the language.
    with translation.override(language):
        return tuple((code, str(name)) for code, name in countries)


class CountryChoiceField(forms.TypedChoiceField):
    """The choice of a country, in the names of the active language (sorted by them)."""

    def __init__(self, *, choices=(), include_blank=True, **kwargs):
        blank = list(BLANK_CHOICE_DASH) if include_blank else []
        super().__init__(
            choices=lambda: [*blank, *_countries_in(translation.get_language())], **kwargs
        )


def model_formfield(db_field, **kwargs):
    """The form field of a model field, with the bounded choice of rows for many-to-many and
    the country names translated once per language."""
    if isinstance(db_field, CountryField) and not db_field.multiple:
        # A choice field offers the blank choice when the model's field allows it or has no
        # default, as Django's own `Field.formfield` decides.
        include_blank = db_field.blank or not (db_field.has_default() or "initial" in kwargs)
        kwargs.setdefault(
            "choices_form_class",
            functools.partial(CountryChoiceField, include_blank=include_blank),
        )
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)
