from django.core.management.base import BaseCommand
from django.utils import timezone

from utsyn.followup.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Sends the reminders of open follow-up rounds that are due today: before the due date "
        "and, once a week, when overdue. Run it daily; running it twice sends nothing twice."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        for round_, users in send_due_reminders(today):
            self.stdout.write(
                f"{round_.organisation.slug}: {round_.name}: reminded {len(users)} people"
            )
