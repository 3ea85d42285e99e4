from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from utsyn.core.bounds import DATE_RANGE


class LogEntry(models.Model):
    """One change to one object: who, when, what. Entries are never edited or deleted."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")
        RESTORED = "restored", _("restored")

    class Actor(models.TextChoices):
        """Who made the change: a signed-in person, a visitor through a public form (the
        visit request form), or Utsyn itself (a command, a scheduled job, the demo loader)."""

        PERSON = "person", _("a person")
        VISITOR = "visitor", _("a visitor through the public form")
        SYSTEM = "system", _("Utsyn, automatically")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    timestamp = models.DateTimeField(default=timezone.now, db_index=True, validators=DATE_RANGE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor = models.CharField(max_length=10, choices=Actor.choices, default=Actor.PERSON)
    action = models.CharField(max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=300)
    # The page the entry is shown on: an assessment's history appears on its arena.
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.BigIntegerField()
    changes = models.JSONField(default=dict, blank=True)
    # For deletions: every row the deletion removed, so that it can be put back.
    snapshot = models.JSONField(null=True, blank=True)
    restored_at = models.DateTimeField(null=True, blank=True, validators=DATE_RANGE)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "subject_type", "subject_id"]),
            models.Index(fields=["organisation", "action"]),
        ]

    def __str__(self):
        return f"{self.object_repr} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_allow_update", False):
            raise ValueError("Log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Log entries cannot be deleted.")

    @property
    def who(self):
        """The author as the history shows it, in the reader's language."""
        if self.user is not None:
            return self.user.get_full_name() or self.user.username
        if self.actor == self.Actor.PERSON:  # the account has been deleted since
            return str(_("a former user"))
        return str(self.get_actor_display())

    def changed_fields(self):
        """(field label, old, new) for each change, with labels in the reader's language."""
        model = self.content_type.model_class()
        rows = []
        for name, (old, new) in self.changes.items():
            try:
                label = model._meta.get_field(name).verbose_name
            except FieldDoesNotExist:  # a field removed since keeps its technical name
                label = name
            rows.append((label, old, new))
        return rows

    @property
    def in_bin(self):
        return self.action == self.Action.DELETED and self.restored_at is None
