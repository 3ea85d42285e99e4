"""What a report is made of, independent of the file format it ends up in.

A report gathers its data once into a `Document`: a flat list of blocks (headings, paragraphs,
facts, tables, charts, the user's own texts). Each renderer (HTML, PDF, DOCX, XLSX, CSV) walks
the same list, so the formats cannot drift apart in content.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.utils.formats import localize

from utsyn.core.formatting import format_long_date, format_number

if TYPE_CHECKING:  # charts load matplotlib; a document only holds them
    from .charts import Chart


def display(value):
    """A table cell as text in the active language, as the pages write it: 4.00 reads "4",
    2.5 reads "2,5" in Norwegian, a date is written out. Whole numbers (years, counts) stay
    ungrouped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | float):
        return format_number(value)
    if isinstance(value, date):
        return format_long_date(value)
    return localize(value) if not isinstance(value, str) else value


@dataclass
class Heading:
    kind: ClassVar[str] = "heading"
    text: str
    level: int = 2  # 1 is the report's title


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    emphasis: bool = False  # a note set apart, e.g. that data is illustrative


@dataclass
class Facts:
    """Term–value pairs, e.g. an arena's responsible unit and fee."""

    kind: ClassVar[str] = "facts"
    pairs: list[tuple[str, str]]


@dataclass
class Table:
    kind: ClassVar[str] = "table"
    caption: str
    columns: list[str]
    rows: list[list[Any]]
    sheet: str = ""  # name of the XLSX sheet; defaults to the caption
    empty_text: str = ""  # said instead of the table when it has no rows
    # Column widths in percent, when known: the PDF then lays the table out without first
    # measuring every cell, which matters in a report of many small tables.
    widths: list[int] = field(default_factory=list)

    @property
    def sheet_name(self):
        return self.sheet or self.caption

    @property
    def column_widths(self):
        """The given widths, or widths in whole percent guessed from the text.

        The PDF lays tables out with fixed widths: measuring every cell first (the automatic
        table layout) took a quarter of a long report's PDF time. The guess gives each column at
        least its longest word, and shares the rest after the length of its text.
        """
        if self.widths:
            return self.widths
        columns = [_column_text(index, self) for index in range(len(self.columns))]
        least = [math.ceil(PERCENT_PER_CHARACTER * longest + PADDING) for longest, _ in columns]
        room = 100 - sum(least)
        if room <= 0:
            return least
        typical = [length for _, length in columns]
        return [
            width + int(room * length / sum(typical))
            for width, length in zip(least, typical, strict=True)
        ]


# In the PDF's small print a character of a header takes about 1.1 % of a table's width, and a
# cell's padding about 2.5 %.
PERCENT_PER_CHARACTER = 1.1
PADDING = 2.5


def _column_text(index, table):
    """(longest word, typical length) of a column's text, header included."""
    texts = [str(table.columns[index])]
    texts += [display(row[index]) for row in table.rows[:200] if index < len(row)]
    longest_word = max((len(word) for text in texts for word in text.split()), default=1)
    typical = sum(len(text) for text in texts) / len(texts)
    return min(longest_word, 30), min(typical, 80) + 1


@dataclass
class Figure:
    """A chart with its text and table alternatives, which travel with it into every format."""

    kind: ClassVar[str] = "figure"
    chart: "Chart"


@dataclass
class UserText:
    """A headed place for the user's own words, saved with the report (see `ReportText`)."""

    kind: ClassVar[str] = "user_text"
    key: str
    text: str
    placeholder: str


Block = Heading | Paragraph | Facts | Table | Figure | UserText


@dataclass
class Document:
    title: str
    subtitle: str
    language: str
    blocks: list[Block] = field(default_factory=list)
    primary_table: Table | None = None  # what the CSV download holds

    def add(self, *blocks):
        self.blocks.extend(blocks)

    def tables(self):
        """Every table, including the tables behind the charts, for the spreadsheet formats."""
        for block in self.blocks:
            if isinstance(block, Table) and block.rows:
                yield block
            elif isinstance(block, Figure) and block.chart.rows:
                chart = block.chart
                yield Table(chart.title, chart.columns, chart.rows)
