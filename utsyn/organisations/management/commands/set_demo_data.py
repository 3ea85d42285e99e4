from django.core.management.base import BaseCommand, CommandError, no_translations

from utsyn.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Says whether an organisation holds demonstration data: only then do its forms, lists, "
        "downloads, calendar feed and reports show the “illustrative example” mark. The "
        "operator's setting; an organisation's own administrator cannot change it."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="URL name, e.g. bergen")
        parser.add_argument(
            "state", nargs="?", choices=["on", "off"], help="leave out to see the setting"
        )

    # Operators read the command's messages in English, whatever language is active.
    @no_translations
    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["slug"]).first()
        if organisation is None:
            raise CommandError(f"There is no organisation “{options['slug']}”. Nothing changed.")
        if options["state"] is not None:
            organisation.holds_demo_data = options["state"] == "on"
            organisation.save(update_fields=["holds_demo_data"])
        state = "holds" if organisation.holds_demo_data else "does not hold"
        self.stdout.write(
            f"{organisation.name} (/{organisation.slug}/) {state} demonstration data."
        )
