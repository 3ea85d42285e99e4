"""Times every report of the demo's Bergen in every format, in one process after a warm-up.

Run with `make bench`. Targets: PDF under 3 s, DOCX and XLSX under 1 s, peak memory under
300 MB. Prints a table; exits non-zero if a target is missed.
"""

import os
import resource
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utsyn.settings")
django.setup()

from utsyn.organisations.models import Organisation  # noqa: E402
from utsyn.reports.building import build, make_request  # noqa: E402

TARGETS = {"pdf": 3.0, "docx": 1.0, "xlsx": 1.0}
REPORTS = ["arena-review", "annual", "vlr"]
FORMATS = ["html", "pdf", "docx", "xlsx", "csv"]
RUNS = 3


def best_time(request):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        build(request)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    organisation = Organisation.objects.get(slug=sys.argv[1] if len(sys.argv) > 1 else "bergen")
    build(make_request(organisation, "arena-review", "pdf"))  # loads fonts, matplotlib …
    missed = []
    print(f"{'report':14} {'format':6} {'best of 3':>10}")
    for report in REPORTS:
        for fmt in FORMATS:
            seconds = best_time(make_request(organisation, report, fmt))
            target = TARGETS.get(fmt)
            flag = "" if target is None or seconds < target else f"  > {target} s"
            if flag:
                missed.append((report, fmt))
            print(f"{report:14} {fmt:6} {seconds:9.2f}s{flag}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB" + ("  > 300 MB" if peak > 300 else ""))
    if missed or peak > 300:
        sys.exit(1)


if __name__ == "__main__":
    main()
