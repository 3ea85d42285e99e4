import json

from django.core.management.base import BaseCommand, CommandError

from utsyn.backup.serialization import ImportFileError, import_organisation


class Command(BaseCommand):
    help = "Loads an organisation from a file written by export_organisation. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{file} is not valid JSON: {error}") from error
        try:
            organisation = import_organisation(data)
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported {organisation.name} ({organisation.slug}).")
        )
