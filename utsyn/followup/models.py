"""Follow-up rounds: the coordinator asks every responsible unit for status updates.

A round covers the items of one or more plans and the arenas due for assessment. When it opens,
one task is made per item the plan follows up (an `ItemUpdate`) and per arena (an
`ArenaReview`), each assigned to the unit responsible at that moment (for an item, its own or
the one it inherits). Editors fill them in and submit; the coordinator approves
or returns them. Once the round is closed its tasks never change again.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from utsyn.arenas.models import AssessmentCriteria
from utsyn.core.bounds import DATE_RANGE
from utsyn.core.models import OrganisationOwned
from utsyn.plans.models import PROGRESS_VALIDATORS, FollowUpStatus


class RoundClosedError(ValidationError):
    """Raised when anything tries to change a task of a closed round."""


class Round(OrganisationOwned):
    class PeriodKind(models.TextChoices):
        YEAR = "year", _("Year")
        TERTIAL = "tertial", _("Tertial")
        INTERIM = "interim", _("Interim period (delår)")
        QUARTER = "quarter", _("Quarter")
        TERM = "term", _("Term of office")
        OTHER = "other", _("Other period")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    period_kind = models.CharField(_("kind of period"), max_length=20, choices=PeriodKind.choices)
    period_start = models.DateField(_("period from"), validators=DATE_RANGE)
    period_end = models.DateField(_("period to"), validators=DATE_RANGE)
    due_date = models.DateField(_("due date"), validators=DATE_RANGE)
    instructions = models.TextField(_("instructions to the units"), blank=True)
    plans = models.ManyToManyField(
        "plans.Plan", blank=True, related_name="rounds", verbose_name=_("plans followed up")
    )
    arenas = models.ManyToManyField(
        "arenas.Arena",
        blank=True,
        related_name="rounds",
        verbose_name=_("arenas to assess"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Invented demonstration data, not a real follow-up."),
    )

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="round_name_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.period_start and self.due_date and self.due_date < self.period_start:
            errors["due_date"] = _("The due date cannot be before the start of the period.")
        if errors:
            raise ValidationError(errors)


class TaskState(models.TextChoices):
    TO_DO = "to_do", _("To do")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


# States in which the responsible unit still has work to do.
OUTSTANDING_STATES = {TaskState.TO_DO, TaskState.DRAFT, TaskState.RETURNED}


class Task(OrganisationOwned):
    """What one unit owes one round: the common part of item updates and arena reviews."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, verbose_name=_("round"))
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=TaskState.choices, default=TaskState.TO_DO
    )
    return_comment = models.TextField(_("comment from the coordinator"), blank=True)
    submitted_at = models.DateTimeField(
        _("submitted"), null=True, blank=True, validators=DATE_RANGE
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, validators=DATE_RANGE)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The last line of defence: whatever the entry point, a closed round stays as it was.
        if Round.objects.filter(pk=self.round_id, status=Round.Status.CLOSED).exists():
            raise RoundClosedError(_("This round is closed; its updates can no longer change."))
        super().save(*args, **kwargs)

    def responsible_unit_ids(self):
        return [self.unit_id] if self.unit_id else []

    @property
    def is_outstanding(self):
        return self.state in OUTSTANDING_STATES


class ItemUpdate(Task):
    """A unit's status report on one plan item in one round."""

    item = models.ForeignKey(
        "plans.PlanItem", on_delete=models.CASCADE, related_name="updates", verbose_name=_("item")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=PROGRESS_VALIDATORS
    )
    text = models.TextField(_("status update"), blank=True)
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("For the coordinator only; never published."),
    )

    class Meta:
        ordering = ["round", "item__plan", "item__position", "pk"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        default_related_name = "item_updates"
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="one_update_per_item_and_round")
        ]

    def __str__(self):
        return f"{self.item.identifier or self.item.title} ({self.round})"

    def audit_subject(self):
        return self.item


class ArenaReview(AssessmentCriteria, Task):
    """A unit's assessment of one arena in one round; approval records it on the arena."""

    arena = models.ForeignKey(
        "arenas.Arena", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("arena")
    )
    assessment = models.OneToOneField(
        "arenas.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review",
        verbose_name=_("recorded assessment"),
    )
    recommendation = models.CharField(
        _("recommendation"),
        max_length=20,
        choices=AssessmentCriteria._meta.get_field("recommendation").choices,
        blank=True,
    )

    class Meta:
        ordering = ["round", "arena__name", "pk"]
        verbose_name = _("arena review")
        verbose_name_plural = _("arena reviews")
        default_related_name = "arena_reviews"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "arena"], name="one_review_per_arena_and_round"
            )
        ]

    def __str__(self):
        return f"{self.arena} ({self.round})"

    def audit_subject(self):
        return self.arena


class Reminder(OrganisationOwned):
    """A reminder e-mail sent about a round, so that the same one is never sent twice."""

    class Kind(models.TextChoices):
        UPCOMING = "upcoming", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        MANUAL = "manual", _("Sent by the coordinator")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("round")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_on = models.DateField(_("sent on"), validators=DATE_RANGE)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return f"{self.round}: {self.user} ({self.sent_on})"

    def audit_subject(self):
        return self.round
