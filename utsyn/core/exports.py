"""Tables to CSV and XLSX, with spreadsheet formula injection neutralised.

A list page declares its columns once (`Column`), renders them on screen and hands the same
columns to `table_response` for the downloads, so that the file holds what the page shows.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import defusedcsv.csv as csv
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters a worksheet's name may not hold ("Tertial 1/2027" is a fine round name).
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\*?:/\[\]]")
SHEET_TITLE_LENGTH = 31


@dataclass(frozen=True)
class Column:
    header: Any
    value: Callable[[Any], Any]
    # Shown only in an organisation that holds demo data (`core.illustrative.columns_for`).
    demo_only: bool = False
    # Its non-empty cells are shown on screen as a badge.
    badge: bool = False


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, int | float) or hasattr(value, "as_tuple"):
        return value
    return neutralise(str(value))


def rows_of(columns, objects):
    for obj in objects:
        yield [_cell(column.value(obj)) for column in columns]


def csv_bytes(columns, objects):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.header) for column in columns])
    for row in rows_of(columns, objects):
        writer.writerow(row)
    # The byte-order mark makes Excel read the file as UTF-8 (æøå).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_name(title, taken):
    """A worksheet name Excel accepts (no forbidden characters, at most 31 of them), different
    from the names in `taken` (lower case, updated)."""
    base = SHEET_TITLE_FORBIDDEN.sub("-", str(title)).strip()[:SHEET_TITLE_LENGTH] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def workbook_bytes(sheets):
    """An XLSX workbook of (title, columns, objects) sheets: headers in bold and frozen, text
    kept as text (never a formula). The one writer of list downloads and reports alike."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for title, columns, objects in sheets:
        sheet = workbook.create_sheet(sheet_name(title, taken))
        sheet.append([str(column.header) for column in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows_of(columns, objects):
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(columns, objects, title):
    return workbook_bytes([(title, columns, objects)])


def table_response(fmt, columns, objects, title):
    """The download of a table as `fmt` ("csv" or "xlsx"); any other format is not found."""
    if fmt not in FORMATS:
        raise Http404
    content = csv_bytes(columns, objects) if fmt == "csv" else xlsx_bytes(columns, objects, title)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(str(title))}.{fmt}"'
    return response
