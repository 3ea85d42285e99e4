import json

from django.core.management.base import BaseCommand

from utsyn.loadtest.data import EDITORS, READERS, TASKS_PER_EDITOR, prepare


class Command(BaseCommand):
    help = (
        "Adds the load test's editors, readers and open round to a demo organisation "
        "(run load_demo first). Safe to repeat. For `make load` only, never in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", default="bergen")
        parser.add_argument("--editors", type=int, default=EDITORS)
        parser.add_argument("--readers", type=int, default=READERS)
        parser.add_argument("--tasks-per-editor", type=int, default=TASKS_PER_EDITOR)
        parser.add_argument("--json", action="store_true", help="print the set-up as JSON")

    def handle(self, *args, **options):
        setup = prepare(
            options["organisation"],
            editors=options["editors"],
            readers=options["readers"],
            tasks_per_editor=options["tasks_per_editor"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(setup))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Load test round {setup['round']} in {setup['organisation']}: "
                f"{len(setup['editors'])} editors, {len(setup['readers'])} readers "
                f"(password {setup['password']})."
            )
        )
