from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from utsyn.core.bounds import DATE_RANGE

from . import actions


class Actor(models.TextChoices):
    """Who made the change: a signed-in person, a visitor through a public form (the visit
    request form), or Utsyn itself (a command, a scheduled job, the demo loader)."""

    PERSON = "person", _("a person")
    VISITOR = "visitor", _("a visitor through the public form")
    SYSTEM = "system", _("Utsyn, automatically")


class LogBatch(models.Model):
    """Changes made together in one step (an import, a council decision that updates many
    arenas), which can be undone together (`services.undo_batch`)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=60)
    description = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField(default=timezone.now, validators=DATE_RANGE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor = models.CharField(max_length=10, choices=Actor.choices, default=Actor.PERSON)
    undone_at = models.DateTimeField(null=True, blank=True, validators=DATE_RANGE)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedManager(organisation="organisation")

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return self.description or str(actions.action_type(self.action).label)


class LogEntry(models.Model):
    """One change to one object: who, when, what. Entries are never edited or deleted."""

    class Action(models.TextChoices):
        """The generic actions (see `actions` for all, with their names in the history)."""

        CREATED = actions.CREATED, _("created")
        CHANGED = actions.CHANGED, _("changed")
        DELETED = actions.DELETED, _("deleted")
        RESTORED = actions.RESTORED, _("restored")

    Actor = Actor

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    timestamp = models.DateTimeField(default=timezone.now, db_index=True, validators=DATE_RANGE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor = models.CharField(max_length=10, choices=Actor.choices, default=Actor.PERSON)
    # A registered action's code (`actions.register`), e.g. "followup.task.approved".
    action = models.CharField(max_length=60)
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
    batch = models.ForeignKey(
        LogBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    # For changes in a batch: the raw values before (`core.values.plain_values`), to undo.
    before = models.JSONField(null=True, blank=True)

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

    def get_action_display(self):
        return actions.action_type(self.action).label

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
        assert model is not None  # entries of removed models are not shown
        rows = []
        for name, (old, new) in self.changes.items():
            try:
                label = getattr(model._meta.get_field(name), "verbose_name", name)
            except (FieldDoesNotExist, AttributeError):  # a field removed since keeps its name
                label = name
            rows.append((label, old, new))
        return rows

    @property
    def in_bin(self):
        return self.action == self.Action.DELETED and self.restored_at is None
