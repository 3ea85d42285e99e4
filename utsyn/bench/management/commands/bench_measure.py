import io
import json
import pstats
from pathlib import Path

from django.core.management.base import BaseCommand

from utsyn.bench import measure
from utsyn.bench.shape import slug
from utsyn.reports.building import FORMATS


class Command(BaseCommand):
    help = (
        "Measures the main pages or the reports of one organisation (run by run_bench), or "
        "profiles one page: bench_measure profile --page 'arena list'."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["pages", "reports", "profile"])
        parser.add_argument("--page", help="The page to profile, e.g. 'arena list'.")
        parser.add_argument("--organisation", default=slug(0))
        parser.add_argument("--requests", type=int, default=30)
        parser.add_argument("--formats", default=",".join(FORMATS))
        parser.add_argument("--output", type=Path)

    def handle(self, *args, what, organisation, requests, formats, output, page, **options):
        if what == "profile":
            profiler = measure.profile(organisation, page, requests)
            stream = io.StringIO()
            stats = pstats.Stats(profiler, stream=stream)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(25)
            self.stdout.write(stream.getvalue())
            return
        if what == "pages":
            results = measure.pages(organisation, requests)
        else:
            results = measure.reports(organisation, formats.split(","))
        output.write_text(json.dumps(results, indent=2))
