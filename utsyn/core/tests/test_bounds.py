"""Every date and year the models store is bounded (utsyn/core/bounds.py): a new field
without a range fails here, before a form, an import or the API can store year 9999."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from utsyn.core.bounds import DateRangeValidator, YearRangeValidator

OWN_APPS = [config for config in apps.get_app_configs() if config.name.startswith("utsyn.")]


def _fields(kind):
    for config in OWN_APPS:
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                if field.editable and isinstance(field, kind):
                    yield f"{model._meta.label}.{field.name}", field


@pytest.mark.parametrize(
    "label, field", list(_fields((models.DateField, models.DateTimeField))), ids=str
)
def test_every_date_is_bounded(label, field):
    assert any(isinstance(validator, DateRangeValidator) for validator in field.validators), label


@pytest.mark.parametrize(
    "label, field",
    [(label, field) for label, field in _fields(models.IntegerField) if "year" in field.name],
    ids=str,
)
def test_every_year_is_bounded(label, field):
    assert any(isinstance(validator, YearRangeValidator) for validator in field.validators), label


def test_a_year_and_a_date_out_of_range_are_refused_in_the_readers_language():
    with translation.override("nb"):
        with pytest.raises(ValidationError) as refused:
            YearRangeValidator()(2101)
        assert refused.value.messages == ["Skriv inn et år mellom 1900 og 2100."]
    with translation.override("sv"):
        with pytest.raises(ValidationError) as refused:
            DateRangeValidator()(datetime.date(9999, 12, 31))
        assert refused.value.messages == ["Ange ett datum mellan 1900 och 2100."]
