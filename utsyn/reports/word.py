"""A `Document` as a Word file with real headings, tables and styles.

Built on python-docx's default template, so the styles are Word's own ("Heading 1", "Table
Grid", "Caption"): pasted into a case document, the text takes on that document's look.
"""

import io

from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from .document import display

# Word's language tags for the languages Utsyn writes in.
WORD_LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "sv": "sv-SE", "en": "en-GB"}
PICTURE_WIDTH = Cm(16)
PLACEHOLDER_COLOUR = RGBColor(0x59, 0x59, 0x59)  # 7:1 against white


def _set_language(word, language):
    tag = WORD_LANGUAGES.get(language, language)
    style = word.styles["Normal"]
    run_properties = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    run_properties.append(lang)
    word.core_properties.language = tag


def _paragraphs(word, text, italic=False, colour=None):
    for chunk in [part.strip() for part in str(text).split("\n\n") if part.strip()]:
        paragraph = word.add_paragraph()
        lines = chunk.splitlines()
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.italic = italic
            if colour is not None:
                run.font.color.rgb = colour
            if index < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)


def _repeat_header(row):
    """Marks a table row as the header, repeated on each page and read as such by screen
    readers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(word, caption, columns, rows):
    word.add_paragraph(str(caption), style=word.styles["Caption"])
    table = word.add_table(rows=len(rows) + 1, cols=len(columns))
    table.style = word.styles["Table Grid"]
    # Cells straight from the rows' XML: python-docx's `row.cells` works out every cell of the
    # table each time it is asked, which made long tables take time by the square of their rows.
    header_row, *body_rows = table._tbl.tr_lst
    for tc, header in zip(header_row.tc_lst, columns, strict=True):
        _Cell(tc, table).paragraphs[0].add_run(str(header)).bold = True
    _repeat_header(table.rows[0])
    for tr, row in zip(body_rows, rows, strict=True):
        for tc, value in zip(tr.tc_lst, row, strict=True):
            _Cell(tc, table).paragraphs[0].add_run(display(value))
    word.add_paragraph()


def _facts(word, pairs):
    for term, value in pairs:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(display(value))


def _figure(word, chart):
    word.add_paragraph(str(chart.title), style=word.styles["Caption"])
    word.add_picture(io.BytesIO(chart.png()), width=PICTURE_WIDTH)
    picture = word.inline_shapes[-1]
    # The alternative text screen readers announce for the picture.
    picture._inline.docPr.set("descr", str(chart.description))
    picture._inline.docPr.set("title", str(chart.title))
    _paragraphs(word, chart.description)
    if chart.rows:
        _table(word, chart.title, chart.columns, chart.rows)


def render_docx(document):
    word = WordDocument()
    _set_language(word, document.language)
    word.core_properties.title = str(document.title)
    word.core_properties.author = "Utsyn"
    word.styles["Normal"].font.size = Pt(11)
    word.add_heading(str(document.title), level=0)
    if document.subtitle:
        word.add_paragraph(str(document.subtitle), style="Subtitle")
    for block in document.blocks:
        if block.kind == "heading":
            # Level 1 is the title; the report's sections start at Word's Heading 1.
            word.add_heading(str(block.text), level=max(1, block.level - 1))
        elif block.kind == "paragraph":
            _paragraphs(word, block.text, italic=block.emphasis)
        elif block.kind == "facts":
            _facts(word, block.pairs)
        elif block.kind == "table":
            if block.rows:
                _table(word, block.caption, block.columns, block.rows)
            elif block.empty_text:
                _paragraphs(word, block.empty_text, italic=True)
        elif block.kind == "figure":
            _figure(word, block.chart)
        elif block.kind == "user_text":
            if block.text.strip():
                _paragraphs(word, block.text)
            else:
                _paragraphs(word, block.placeholder, italic=True, colour=PLACEHOLDER_COLOUR)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
