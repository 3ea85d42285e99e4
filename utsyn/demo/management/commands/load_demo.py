from django.core.management.base import BaseCommand
from django.utils import translation

from utsyn.demo.loader import DEMO_PASSWORD, demo_logins, load_all


class Command(BaseCommand):
    help = "Loads (or refreshes) the demo organisations Bergen and Vänersborg. Safe to repeat."

    def handle(self, *args, **options):
        organisations = load_all()
        names = ", ".join(organisation.name for organisation in organisations)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {names}"))
        with translation.override("en"):
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for username, role, where in demo_logins():
                self.stdout.write(f"  {username:<20} {role:<14} {where}")
