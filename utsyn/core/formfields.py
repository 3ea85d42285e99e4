"""Form fields shared by every form."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models


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


def model_formfield(db_field, **kwargs):
    """The form field of a model field, with the bounded choice of rows for many-to-many."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)
