"""Shared set-up of the report tests: a closed round, and reading the built files back."""

import io
import zipfile

from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from utsyn.followup.models import TaskState
from utsyn.followup.services import close_round
from utsyn.testing import open_round

UPDATE_TEXT = "Two applications sent with the regional partners."


def closed_round(world, name="Year 2025", text=UPDATE_TEXT):
    """A round over the world's plan in which Measure 1 was approved, then closed."""
    round_ = open_round(world.organisation, plans=[world.plan], name=name)
    round_.item_updates.filter(item=world.item).update(
        state=TaskState.APPROVED, status="delayed", progress=40, text=text
    )
    return close_round(round_, world.administrator)


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def word(content):
    return WordDocument(io.BytesIO(content))


def word_text(content):
    document = word(content)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def headings(content):
    return [
        (p.style.name, p.text) for p in word(content).paragraphs if p.style.name.startswith("Head")
    ]


def workbook(content):
    return load_workbook(io.BytesIO(content))


def is_zip(content):
    return zipfile.is_zipfile(io.BytesIO(content))
