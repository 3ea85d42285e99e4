from django.utils.translation import gettext_lazy as _

from utsyn.core.exports import Column


def _latest(indicator):
    return indicator.latest_value()


def _target_of_latest_year(indicator):
    latest = indicator.latest_value()
    target = indicator.target_for(latest.year) if latest else None
    return target.value if target else None


def _item_identifiers(indicator):
    return ", ".join(item.identifier for item in indicator.items.all())


INDICATOR_COLUMNS = [
    Column(_("Name"), lambda indicator: indicator.name),
    Column(_("Unit"), lambda indicator: indicator.unit),
    Column(_("Latest value"), lambda indicator: getattr(_latest(indicator), "value", None)),
    Column(_("Period"), lambda indicator: getattr(_latest(indicator), "label", "")),
    Column(_("Target that year"), _target_of_latest_year),
    Column(_("Plan items"), _item_identifiers),
    # Shown as a badge on screen; a column in downloads, so invented figures stay marked. Only
    # where the organisation holds demo data (`utsyn.core.illustrative`).
    Column(
        _("Illustrative"),
        lambda indicator: _("Illustrative example") if indicator.is_illustrative else "",
        demo_only=True,
        badge=True,
    ),
]
