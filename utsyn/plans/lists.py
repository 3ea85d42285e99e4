"""The plans' list page and its downloads."""

from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage

from .queries import plans_for_list
from .tables import PLAN_COLUMNS

PLANS = ListPage(
    key="plans.plans",
    template="plans/plan_list.html",
    heading=_("Strategies and plans"),
    title=_("Plans"),
    query=lambda request: plans_for_list(),
    columns=PLAN_COLUMNS,
    paginate=False,  # an organisation has a handful
    download_url="plans:list_export",
    add_permission="organisation.add_plan",
)
