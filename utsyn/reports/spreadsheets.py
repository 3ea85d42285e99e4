"""The tables of a `Document` as an XLSX workbook (every table) and as CSV (the main one)."""

from operator import itemgetter

from utsyn.core.exports import Column, csv_bytes, workbook_bytes


def _columns(table):
    return [Column(header, itemgetter(index)) for index, header in enumerate(table.columns)]


def render_xlsx(document):
    sheets = [(table.sheet_name, _columns(table), table.rows) for table in document.tables()]
    # A document without tables still opens: one sheet holding its title.
    return workbook_bytes(sheets or [(document.title, [Column(document.title, str)], [])])


def render_csv(document):
    table = document.primary_table or next(document.tables(), None)
    if table is None:
        return csv_bytes([Column(document.title, str)], [])
    return csv_bytes(_columns(table), table.rows)
