"""A `Document` as HTML (on screen, as a file, and as the source of the PDF) and as PDF."""

import gc
from contextlib import contextmanager
from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


@cache
def report_css():
    """The report's own stylesheet, inlined so that the HTML file stands alone."""
    with open(finders.find("reports/report.css"), encoding="utf-8") as css:
        return css.read()


def document_html(document, raster_charts=False):
    """The document's body: shared by the on-screen page and the standalone file."""
    context = {"document": document, "raster_charts": raster_charts}
    return render_to_string("reports/_document.html", context)


def render_html(document, raster_charts=False):
    """A complete HTML file that needs nothing else: styles inline, charts as data URIs
    (vector SVG, or PNG for the PDF)."""
    return render_to_string(
        "reports/standalone.html",
        {
            "document": document,
            "body": document_html(document, raster_charts),
            "css": report_css(),
        },
    ).encode("utf-8")


def render_pdf(document):
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF building needs.
    from weasyprint import HTML

    # PDF/UA-1 makes WeasyPrint write a tagged PDF (headings, tables, figures with alt text)
    # with the document's title and language, for screen readers.
    html = render_html(document, raster_charts=True).decode("utf-8")
    with _garbage_collection_paused():
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


@contextmanager
def _garbage_collection_paused():
    """Layout makes hundreds of thousands of small objects, and Python's cycle collector kept
    walking all of them: a fifth of a long report's PDF time. They are collected once after."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
