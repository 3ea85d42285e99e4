"""Builds a report to a file, for scripts and schedulers.

    python manage.py build_report bergen arena-review --format pdf --output review.pdf
    python manage.py build_report bergen annual --format docx --round 3 --language en \
        --output report.docx

The file appears whole or not at all: it is written to a temporary file beside the target and
moved into place only when the report has been built.
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from utsyn.reports.base import REPORT_CLASSES, ReportError
from utsyn.reports.building import FORMATS, LANGUAGES, build, make_request, organisation_by_slug


class Command(BaseCommand):
    help = "Builds a report (arena-review, annual, vlr) of an organisation to a file."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's URL name, e.g. bergen.")
        parser.add_argument("report", help=f"One of: {', '.join(REPORT_CLASSES)}.")
        parser.add_argument("--format", required=True, help=f"One of: {', '.join(FORMATS)}.")
        parser.add_argument(
            "--language",
            help=f"One of: {', '.join(LANGUAGES)}. Default: the organisation's language.",
        )
        parser.add_argument(
            "--round",
            help="For the yearly report: the number of a closed follow-up round. "
            "Default: the latest closed round.",
        )
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, **options):
        # Messages in the language asked for, if Utsyn has it; otherwise in English.
        language = options["language"] if options["language"] in LANGUAGES else "en"
        with translation.override(language):
            try:
                organisation = organisation_by_slug(options["organisation"])
                request = make_request(
                    organisation,
                    options["report"],
                    options["format"],
                    options["language"],
                    options["round"],
                )
                built = build(request)
            except ReportError as error:
                raise CommandError(str(error)) from None
        self._write(Path(options["output"]), built.content)
        self.stdout.write(f"{options['output']}: {len(built.content)} bytes")

    def _write(self, target, content):
        directory = target.resolve().parent
        if not directory.is_dir():
            raise CommandError(f"The folder {directory} does not exist.")
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
