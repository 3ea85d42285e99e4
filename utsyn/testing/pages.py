"""Reading pages back in tests: a list page's table, its CSV and XLSX downloads, and posting
an edit form as a browser does."""

import csv
import html
import io
import re

from openpyxl import load_workbook


def _text(value):
    return "" if value is None else str(value)


def screen_table(response, columns="columns", rows="rows"):
    """A list page's table as text, header first, from the context the template renders."""
    header = [str(column.header) for column in response.context[columns]]
    return [header] + [[_text(cell) for cell in cells] for _obj, cells in response.context[rows]]


def csv_table(response):
    """A CSV download as text, header first."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_table(response):
    """An XLSX download read back with openpyxl, as text like the CSV, header first."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]


# ------------------------------------------------------------------ posting edit forms

_STATE_INPUT = re.compile(r'<input type="hidden" name="opened_state" value="([^"]*)"')


def opened_state(response):
    """The state an edit page was opened with (its hidden field), or None when it has none."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    found = _STATE_INPUT.search(response.content.decode())
    return html.unescape(found.group(1)) if found else None


def post_form(client, url, data=None, **kwargs):
    """POSTs to a form page as a browser does: after opening it, with the state it showed, so
    that the optimistic concurrency check (`utsyn.core.concurrency`) lets the edit through."""
    data = dict(data or {})
    state = opened_state(client.get(url, headers=kwargs.get("headers")))
    if state is not None:
        data.setdefault("opened_state", state)
    return client.post(url, data, **kwargs)
