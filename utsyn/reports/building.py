"""From a request for a report to a file: the one place that checks what was asked for.

The web pages, the background jobs and `build_report` all come through here, so a report asked
for an unknown organisation, round or language, or an open round, is refused the same way
everywhere, with a message in the user's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scope

from utsyn.followup.models import Round
from utsyn.organisations.models import Organisation

from . import rendering, spreadsheets, word
from .base import ReportError, report_class

# Each format: how to render a document, its content type, and whether every report has it.
RENDERERS = {
    "html": (rendering.render_html, "text/html; charset=utf-8"),
    "pdf": (rendering.render_pdf, "application/pdf"),
    "docx": (
        word.render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        spreadsheets.render_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": (spreadsheets.render_csv, "text/csv; charset=utf-8"),
}
FORMATS = list(RENDERERS)
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class ReportRequest:
    organisation: Organisation
    report: str
    format: str
    language: str
    round: Round | None = None

    @property
    def filename(self):
        parts = [self.organisation.slug, self.report]
        if self.round is not None:
            parts.append(slugify(self.round.name))
        return "-".join(parts) + f".{self.format}"

    @property
    def content_type(self):
        return RENDERERS[self.format][1]


@dataclass(frozen=True)
class BuiltReport:
    request: ReportRequest
    content: bytes


def organisation_by_slug(slug):
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise ReportError(_("There is no organisation “%(slug)s”.") % {"slug": slug}) from None


def _check_format(fmt):
    if fmt not in RENDERERS:
        raise ReportError(
            _("Unknown format “%(format)s”. Choose one of: %(formats)s.")
            % {"format": fmt, "formats": ", ".join(FORMATS)}
        )


def _check_language(language):
    if language not in LANGUAGES:
        raise ReportError(
            _("Unknown language “%(language)s”. Choose one of: %(languages)s.")
            % {"language": language, "languages": ", ".join(LANGUAGES)}
        )


def closed_rounds(organisation):
    with scope(organisation=organisation):
        return list(Round.objects.filter(status=Round.Status.CLOSED))


def _find_round(organisation, round_id):
    """The closed round asked for by number, or the latest closed round when none is named."""
    with scope(organisation=organisation):
        rounds = Round.objects.filter(organisation=organisation)
        if round_id in (None, ""):
            latest = rounds.filter(status=Round.Status.CLOSED).first()
            if latest is None:
                raise ReportError(
                    _("%(organisation)s has no closed follow-up round to report on.")
                    % {"organisation": organisation}
                )
            return latest
        try:
            round_ = rounds.get(pk=int(round_id))
        except (ValueError, Round.DoesNotExist):
            raise ReportError(
                _("%(organisation)s has no follow-up round number %(round)s.")
                % {"organisation": organisation, "round": round_id}
            ) from None
    if round_.is_open:
        raise ReportError(
            _(
                "The round “%(round)s” is still open. The yearly report is built from a closed "
                "round, when every update has been approved."
            )
            % {"round": round_}
        )
    return round_


def make_request(organisation, report, fmt, language=None, round_id=None):
    """Checks everything that was asked for; raises `ReportError` with the reason if anything
    is wrong."""
    cls = report_class(report)
    _check_format(fmt)
    language = language or organisation.language
    _check_language(language)
    round_ = _find_round(organisation, round_id) if cls.needs_round else None
    return ReportRequest(organisation, report, fmt, language, round_)


def build_document(request, progress=None):
    cls = report_class(request.report)
    with scope(organisation=request.organisation), translation.override(request.language):
        report = cls(request.organisation, request.round, progress)
        return report.build()


def build(request, progress=None):
    """Builds the file in memory. Nothing is written anywhere, so a failure leaves nothing."""
    progress = progress or (lambda percent, step: None)
    document = build_document(request, progress)
    with translation.override(request.language):
        progress(80, _("Writing the %(format)s file") % {"format": request.format.upper()})
        render = RENDERERS[request.format][0]
        content = render(document)
    return BuiltReport(request, content)
