"""Test data of the audit app: many entries at once, for the list pages' query counts."""

from .models import LogEntry


def _copies(entry, count, **changes):
    fields = {
        field.attname: getattr(entry, field.attname)
        for field in LogEntry._meta.concrete_fields
        if not field.primary_key
    }
    return LogEntry.objects.bulk_create(
        LogEntry(**{**fields, **changes}) for _number in range(count)
    )


def many_log_entries(world, count):
    """Copies of the world's deletion, as "changed" entries by its administrator."""
    return _copies(world.bin_entry, count, action=LogEntry.Action.CHANGED, snapshot=None)


def many_bin_entries(world, count):
    """Copies of the world's deletion: each a row of the bin."""
    return _copies(world.bin_entry, count)
