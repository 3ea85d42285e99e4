"""One declaration for a list page and its CSV and XLSX downloads.

A `ListPage` names the rows (`query`), the filters, the columns, the permission and the
template; `page` and `download` are the two views it serves, so that the downloads always hold
the rows and columns on screen, filtered alike. Every list page is kept in `LIST_PAGES`, from
which a test checks each one's query count (utsyn/core/tests/test_list_pages.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import illustrative
from .decorators import organisation_view
from .exports import rows_of, table_response

# {key: ListPage}, in the order the apps declare them.
LIST_PAGES: dict[str, "ListPage"] = {}


@dataclass(eq=False)
class ListPage:
    key: str  # "app.what", e.g. "arenas.arenas": the name the tests know it by
    template: str  # extends list_page.html
    heading: Any  # the page's heading (a lazy translation)
    title: Any  # the downloads' file and sheet name
    query: Callable[[Any], Any]  # request → the rows, before filtering
    columns: Any  # a list of Columns, or request → that list (columns that need the request)
    filters: Any = None  # a django-filter FilterSet class, given the request
    permission: str = "organisation.view"
    paginate: bool = True  # False: every row on one page
    page_size: int = 0  # 0: the product's PAGE_SIZE
    object_name: str = "objects"  # what the template calls the rows
    download_url: str = ""  # the URL name of `download`, for the page's download links
    add_permission: str = ""  # the permission behind the page's "new" button: `can_add`
    row_actions: str = ""  # the permission behind the rows' own buttons (edit, delete, restore)
    context: Callable[[Any], dict] | None = None  # request → more for the template
    page: Callable = field(init=False, repr=False)
    download: Callable = field(init=False, repr=False)

    def __post_init__(self):
        if self.key in LIST_PAGES:
            raise ValueError(f"Two list pages are called {self.key}")
        LIST_PAGES[self.key] = self
        guard = organisation_view(self.permission, read_only=True)
        self.page = guard(self._page)
        self.download = guard(self._download)

    def columns_for(self, request):
        columns = self.columns(request) if callable(self.columns) else self.columns
        return illustrative.columns_for(columns, request.organisation)

    def filtered(self, request):
        """(the filter or None, the rows it lets through)."""
        rows = self.query(request)
        if self.filters is None:
            return None, rows
        row_filter = self.filters(request.GET, queryset=rows, request=request)
        return row_filter, row_filter.qs

    def _page(self, request):
        row_filter, rows = self.filtered(request)
        page = None
        objects: Any
        if self.paginate:
            size = self.page_size or settings.PAGE_SIZE
            page = objects = Paginator(rows, size).get_page(request.GET.get("page"))
        else:
            objects = list(rows)
        columns = self.columns_for(request)
        context = {
            self.object_name: objects,
            "filter": row_filter,
            "page": page,
            "columns": columns,
            "rows": list(zip(objects, rows_of(columns, objects), strict=True)),
            "query": _query_without_page(request),
            "heading": self.heading,
            "downloads": self.download_links(request),
            "can_add": self._may(request, self.add_permission),
            "row_actions": self._may(request, self.row_actions),
            **(self.context(request) if self.context else {}),
        }
        return render(request, self.template, context)

    @staticmethod
    def _may(request, permission):
        return bool(permission) and request.user.has_perm(permission, request.organisation)

    def download_links(self, request):
        """(label, URL) of each download, with the page's filters."""
        if not self.download_url:
            return []
        query = _query_without_page(request)
        return [
            (
                label,
                reverse(
                    self.download_url,
                    kwargs={"organisation": request.organisation.slug, "fmt": fmt},
                )
                + (f"?{query}" if query else ""),
            )
            for fmt, label in (("csv", "CSV"), ("xlsx", _("Excel (XLSX)")))
        ]

    def _download(self, request, fmt):
        _filter, rows = self.filtered(request)
        return table_response(fmt, self.columns_for(request), rows, self.title)


def _query_without_page(request):
    """The filters of the page, for the links to other pages and to the downloads."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
