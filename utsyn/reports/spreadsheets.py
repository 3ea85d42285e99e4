"""The tables of a `Document` as an XLSX workbook (every table) and as CSV (the main one)."""

import io
import re
from operator import itemgetter

from openpyxl import Workbook
from openpyxl.styles import Font

from utsyn.core.exports import Column, csv_bytes, rows_of

# Characters Excel refuses in a sheet name, and its length limit.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def _columns(table):
    return [Column(header, itemgetter(index)) for index, header in enumerate(table.columns)]


def _sheet_name(name, taken):
    base = SHEET_NAME_FORBIDDEN.sub(" ", str(name)).strip()[:SHEET_NAME_LENGTH] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def render_xlsx(document):
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken = set()
    for table in document.tables():
        sheet = workbook.create_sheet(_sheet_name(table.sheet_name, taken))
        sheet.append([str(header) for header in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows_of(_columns(table), table.rows):
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text, never a formula
        sheet.freeze_panes = "A2"
    if not workbook.worksheets:
        workbook.create_sheet(_sheet_name(document.title, taken)).append([str(document.title)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_csv(document):
    table = document.primary_table or next(document.tables(), None)
    if table is None:
        return csv_bytes([Column(document.title, str)], [])
    return csv_bytes(_columns(table), table.rows)
