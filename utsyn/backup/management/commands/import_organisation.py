from django.core.management.base import BaseCommand, CommandError, no_translations

from utsyn.backup.checks import ImportFileError, read_export
from utsyn.backup.importing import import_organisation


class Command(BaseCommand):
    help = "Loads an organisation from a file written by export_organisation. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file")

    @no_translations  # the models' messages in English, as the command's own
    def handle(self, *args, file, **options):
        try:
            organisation = import_organisation(read_export(file))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported {organisation.name} ({organisation.slug}).")
        )
