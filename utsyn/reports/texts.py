"""Saving the sections users write into a report, with their history."""

from django.db import transaction

from utsyn.audit import actions
from utsyn.audit.services import log_action

from .models import ReportText


@transaction.atomic
def save_texts(organisation, report, texts, user):
    """Stores each section's text; only the sections that changed are written and logged."""
    existing = {
        row.key: row for row in ReportText.objects.filter(organisation=organisation, report=report)
    }
    for key, text in texts.items():
        row = existing.get(key)
        if row is None:
            if not text:
                continue
            row = ReportText.objects.create(
                organisation=organisation, report=report, key=key, text=text
            )
            log_action(actions.CREATED, row, user, {"text": ["", text]})
        elif row.text != text:
            before = row.text
            row.text = text
            row.save()
            log_action(actions.CHANGED, row, user, {"text": [before, text]})
