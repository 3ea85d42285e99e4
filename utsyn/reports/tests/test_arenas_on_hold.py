"""The yearly report's changes in the register name the arenas put on hold in the period,
with the date and the reason, apart from those joined and left."""

from django.urls import reverse

from utsyn.arenas.models import Arena
from utsyn.followup.services import close_round
from utsyn.testing import ArenaFactory

REASON = "Put on hold until the situation allows."


def test_the_yearly_report_lists_the_arenas_put_on_hold_in_its_period(
    municipality, follow_up_round, login
):
    for name, day in [("Held in the period", "2026-04-01"), ("Held before", "2025-04-01")]:
        ArenaFactory(
            organisation=municipality.organisation,
            name=name,
            kind=Arena.Kind.TWIN_CITY,
            status=Arena.Status.ON_HOLD,
            status_date=day,
            status_reason=REASON,
        )
    round_ = close_round(follow_up_round, municipality.administrator)
    response = login(municipality.viewer).get(
        reverse("reports:show", kwargs={"organisation": municipality.slug, "report": "annual"}),
        {"round": round_.pk, "language": "en"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    tables = {table.caption: table for table in response.context["document"].tables()}
    on_hold = tables["Arenas put on hold in the period"]
    assert on_hold.columns == ["Arena", "Kind", "On hold since", "Reason"]
    assert [row[0] for row in on_hold.rows] == ["Held in the period"]
    assert on_hold.rows[0][3] == REASON
    assert "Held in the period" not in str(tables.get("Arenas left in the period", ""))
    assert "April 1, 2026" in response.content.decode()
