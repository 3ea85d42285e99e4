"""The arenas' list pages, each serving its CSV and XLSX downloads."""

from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage

from .filters import ArenaFilter, AssessmentFilter
from .queries import arenas_for_list, assessments_for_list
from .tables import ARENA_COLUMNS, ASSESSMENT_COLUMNS

ARENAS = ListPage(
    key="arenas.arenas",
    template="arenas/arena_list.html",
    heading=_("Cooperation arenas"),
    title=_("Arenas"),
    query=lambda request: arenas_for_list(),
    columns=ARENA_COLUMNS,
    filters=ArenaFilter,
    download_url="arenas:export",
    add_permission="organisation.add_arena",
)

# Every assessment of every arena, newest first.
ASSESSMENTS = ListPage(
    key="arenas.assessments",
    template="arenas/assessment_list.html",
    heading=_("Assessments of the arenas"),
    title=_("Assessments"),
    query=lambda request: assessments_for_list(),
    columns=ASSESSMENT_COLUMNS,
    filters=AssessmentFilter,
    download_url="arenas:assessment_export",
)
