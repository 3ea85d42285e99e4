"""The indicators' list page and its downloads."""

from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage

from .queries import indicators_with_figures
from .tables import INDICATOR_COLUMNS

INDICATORS = ListPage(
    key="indicators.indicators",
    template="indicators/indicator_list.html",
    heading=_("Indicators"),
    title=_("Indicators"),
    query=lambda request: indicators_with_figures(),
    columns=INDICATOR_COLUMNS,
    download_url="indicators:export",
    add_permission="organisation.add_indicator",
)
