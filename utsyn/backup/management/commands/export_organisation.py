import json

from django.core.management.base import BaseCommand, CommandError

from utsyn.backup.serialization import export_organisation
from utsyn.organisations.models import Organisation


class Command(BaseCommand):
    help = "Writes all data of one organisation as JSON to standard output."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The organisation's URL name, e.g. bergen")

    def handle(self, *args, slug, **options):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"There is no organisation “{slug}”.")
        data = export_organisation(organisation)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
