"""`cells|with_columns:columns`: a list page's cells with their columns, so that a row can
show a cell by what its column is (a badge) rather than by where it stands: which columns a
table has depends on the organisation (`utsyn.core.illustrative.columns_for`)."""

from django import template

register = template.Library()


@register.filter
def with_columns(cells, columns):
    return zip(columns, cells, strict=True)
