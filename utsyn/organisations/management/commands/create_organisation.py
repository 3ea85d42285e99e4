from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction

from utsyn.organisations.models import Membership, Organisation, Role


class Command(BaseCommand):
    help = "Creates an organisation (a municipality, county or region) and its administrator."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="URL name, e.g. bergen")
        parser.add_argument("name", help="e.g. 'Bergen kommune'")
        parser.add_argument("--kind", default="municipality", choices=Organisation.Kind.values)
        parser.add_argument("--country", default="NO", help="ISO code: NO, SE, DK, FI, IS")
        parser.add_argument("--language", default="nb", help="nb, nn, sv or en")
        parser.add_argument("--official-number", default="", help="kommunenummer or kommunkod")
        parser.add_argument("--admin", required=True, help="username of the coordinator")
        parser.add_argument("--email", default="", help="e-mail, if the user is new")
        parser.add_argument(
            "--demo-data",
            action="store_true",
            help="a demonstration organisation: shows the “illustrative example” mark",
        )

    # Operators read the command's messages in English, whatever language is active.
    @no_translations
    @transaction.atomic
    def handle(self, *args, **options):
        organisation = Organisation(
            slug=options["slug"],
            name=options["name"],
            kind=options["kind"],
            country=options["country"],
            language=options["language"],
            official_number=options["official_number"],
            holds_demo_data=options["demo_data"],
        )
        try:
            organisation.full_clean()
        except ValidationError as error:
            details = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
            )
            raise CommandError(f"Nothing was created. {details}") from error
        organisation.save()
        user, created = get_user_model().objects.get_or_create(
            username=options["admin"], defaults={"email": options["email"]}
        )
        Membership.objects.create(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
        self.stdout.write(
            self.style.SUCCESS(f"Created {organisation.name} (/{organisation.slug}/).")
        )
        if created:
            self.stdout.write(
                f"The user {user.username} is new: set a password with "
                f"`manage.py changepassword {user.username}`."
            )
