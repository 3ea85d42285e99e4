import pytest
from django import forms
from django.utils import translation

from utsyn.sdgs.forms import SdgGoalsField, SdgTargetsField, target_codes_text
from utsyn.sdgs.models import Goal, Target

pytestmark = pytest.mark.django_db


def _codes(targets):
    return [target.code for target in targets]


def test_typed_codes_give_the_targets_in_the_order_given():
    field = SdgTargetsField()
    assert _codes(field.clean("11.3, 17.17")) == ["11.3", "17.17"]
    assert _codes(field.clean("17.17 11.3;11.3,, 1.A")) == ["17.17", "11.3", "1.a"]
    assert all(isinstance(target, Target) for target in field.clean("11.3"))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("18.1", "Unknown SDG target: 18.1"),
        ("abc", "Unknown SDG target: abc"),
        ("11.3, 1.99, x", "Unknown SDG targets: 1.99, x"),
    ],
)
def test_unknown_or_malformed_codes_are_named(typed, message):
    with translation.override("en"), pytest.raises(forms.ValidationError) as error:
        SdgTargetsField().clean(typed)
    assert error.value.messages == [message]


def test_empty_is_no_targets_unless_required():
    assert SdgTargetsField(required=False).clean("  ") == []
    with pytest.raises(forms.ValidationError):
        SdgTargetsField().clean("")


def test_initial_value_from_targets():
    targets = Target.objects.filter(code__in=["11.3", "17.17"])
    assert target_codes_text(targets) == "11.3, 17.17"
    assert SdgTargetsField().prepare_value(list(targets)) == "11.3, 17.17"
    assert SdgTargetsField().prepare_value("11.3") == "11.3"


def test_spacing_alone_is_no_change():
    field = SdgTargetsField()
    assert not field.has_changed("11.3, 17.17", "11.3,17.17")
    assert not field.has_changed(list(Target.objects.filter(code="11.3")), "11.3")
    assert field.has_changed("11.3", "11.3, 17.17")


def test_goal_checkboxes_are_labelled_in_the_active_language():
    field = SdgGoalsField(required=False)
    assert isinstance(field.widget, forms.CheckboxSelectMultiple)
    with translation.override("sv"):
        labels = [label for _value, label in field.choices]
    assert len(labels) == 17
    assert labels[0] == "1. Ingen fattigdom"
    assert list(field.clean(["1", "11"])) == list(Goal.objects.filter(number__in=[1, 11]))
