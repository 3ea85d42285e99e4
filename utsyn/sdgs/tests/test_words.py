"""The UN's goals and targets are named so that nobody mistakes them for a plan's own levels:
plans name their levels "Hovedmål", "Delmål", "Mål" (sv "Mål", "Delmål"), so the UN's targets
are "FN-delmål" and its goals "bærekraftsmål" (nn "berekraftsmål", sv "globala mål")."""

import gettext
import re
from pathlib import Path

import pytest
from django.urls import reverse

import utsyn

LOCALE = Path(utsyn.__file__).parent / "locale"
BARE_SUB_GOAL = re.compile(r"(?<!FN-)\bdelmål", re.IGNORECASE)
# The labels of the two fields on every form that tags a row with the UN's goals and targets.
LABELS = {
    "nb": ("Bærekraftsmål", "FN-delmål"),
    "nn": ("Berekraftsmål", "FN-delmål"),
    "sv": ("Globala mål", "FN-delmål"),
    "en": ("SDG goals", "SDG targets"),
}
FORMS = ["plans:item_create", "arenas:create", "projects:create"]


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_no_text_of_the_interface_calls_a_un_target_a_bare_sub_goal(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    clashing = [msgid for msgid, text in catalogue.items() if BARE_SUB_GOAL.search(text)]
    assert clashing == []


def _form_url(name, municipality, measure):
    kwargs = {"organisation": municipality.slug}
    if name == "plans:item_create":
        kwargs["plan_pk"] = measure.plan_id
    return reverse(name, kwargs=kwargs)


def _label(page, field):
    found = re.search(rf'<label for="id_{field}"[^>]*>([^<]*)<', page) or re.search(
        rf'<legend[^>]*>([^<]*)</legend>(?:(?!</fieldset>).)*name="{field}"', page, re.S
    )
    assert found, f"no label for {field}"
    return found.group(1).strip().rstrip(":")


@pytest.mark.parametrize("language", sorted(LABELS))
@pytest.mark.parametrize("name", FORMS)
def test_every_form_names_the_un_goals_and_targets_apart_from_the_plan_levels(
    name, language, municipality, measure, login
):
    measure.plan.level_names = "Hovedmål\nDelmål\nTiltak"
    measure.plan.save()
    client = login(municipality.administrator)
    page = client.get(
        _form_url(name, municipality, measure), headers={"Accept-Language": language}
    ).content.decode()
    goals, targets = LABELS[language]
    assert _label(page, "sdg_goals") == goals
    assert _label(page, "sdg_targets") == targets
    assert targets not in measure.plan.levels()


@pytest.mark.parametrize("language", sorted(LABELS))
def test_the_sdg_coverage_page_speaks_of_un_targets(language, municipality, measure, login):
    client = login(municipality.viewer)
    url = reverse("overview:sdg_coverage", kwargs={"organisation": municipality.slug})
    page = client.get(url, headers={"Accept-Language": language}).content.decode()
    assert LABELS[language][1].split()[0] in page
    assert not BARE_SUB_GOAL.search(page)
