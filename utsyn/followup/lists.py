"""The follow-up rounds' list page and its downloads."""

from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage

from .queries import rounds_for_list
from .tables import ROUND_COLUMNS

ROUNDS = ListPage(
    key="followup.rounds",
    template="followup/round_list.html",
    heading=_("Follow-up rounds"),
    title=_("Follow-up rounds"),
    query=lambda request: rounds_for_list(),
    columns=ROUND_COLUMNS,
    paginate=False,  # a few a year
    download_url="followup:list_export",
    add_permission="organisation.manage_rounds",
)
