"""The projects' list page and its downloads."""

from django.utils.translation import gettext_lazy as _

from utsyn.core.listing import ListPage
from utsyn.money.conversion import Converter

from .filters import ProjectFilter
from .models import Project
from .tables import project_columns

PROJECTS = ListPage(
    key="projects.projects",
    template="projects/project_list.html",
    heading=_("Projects"),
    title=_("Projects"),
    query=lambda request: Project.objects.select_related("programme", "responsible_unit"),
    # The amounts are shown in the organisation's currency too, at its own rates.
    columns=lambda request: project_columns(Converter(request.organisation)),
    filters=ProjectFilter,
    download_url="projects:export",
    add_permission="organisation.add_project",
    context=lambda request: {
        "can_manage_rates": request.user.has_perm("organisation.manage_rates", request.organisation)
    },
)
