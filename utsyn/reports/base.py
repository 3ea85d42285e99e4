"""The shape every report shares, and the list of reports Utsyn offers.

A report is one small class: it is given the organisation (and, for the yearly report, a closed
round), gathers its data with a fixed number of queries and returns a `Document`. It knows
nothing of file formats; `building.py` turns the document into files.
"""

from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from utsyn.core.formatting import format_long_date

from .document import Document
from .models import ReportText


class ReportError(Exception):
    """A report cannot be built as asked; the message is meant for the user."""


class Report:
    do_not_call_in_templates = True  # templates read the class's attributes
    slug = ""
    title = ""
    description = ""
    needs_round = False  # the yearly report is built for one closed follow-up round
    # Sections the user writes (key → heading); their texts are kept in `ReportText`.
    user_sections: dict[str, str] = {}

    def __init__(self, organisation, round_=None, progress=None):
        self.organisation = organisation
        self.round = round_
        self._progress = progress or (lambda percent, step: None)

    def progress(self, percent, step):
        self._progress(percent, str(step))

    def new_document(self, subtitle=None):
        """An empty document in the active language, headed by the report's title."""
        if subtitle is None:
            subtitle = _("%(organisation)s, %(date)s") % {
                "organisation": self.organisation,
                "date": format_long_date(timezone.localdate()),
            }
        return Document(title=str(self.title), subtitle=subtitle, language=get_language())

    def build(self):
        """Returns the report's `Document`, in the active language."""
        raise NotImplementedError

    def user_texts(self):
        """{section key: the user's text} for this organisation."""
        if not self.user_sections:
            return {}
        rows = ReportText.objects.filter(organisation=self.organisation, report=self.slug)
        return {row.key: row.text for row in rows}


# The reports Utsyn offers, by the name used in URLs and on the command line. They are imported
# when first asked for: drawing charts loads matplotlib, which most requests never need.
REPORT_CLASSES = {
    "arena-review": "utsyn.reports.arena_review.ArenaReview",
    "annual": "utsyn.reports.annual.AnnualReport",
    "vlr": "utsyn.reports.vlr.VoluntaryLocalReview",
}


def all_reports():
    return [report_class(slug) for slug in REPORT_CLASSES]


def report_class(slug):
    try:
        return import_string(REPORT_CLASSES[slug])
    except KeyError:
        raise ReportError(
            _("There is no report called “%(slug)s”. The reports are: %(known)s.")
            % {"slug": slug, "known": ", ".join(REPORT_CLASSES)}
        ) from None
