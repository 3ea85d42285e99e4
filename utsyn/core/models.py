"""Building blocks shared by every domain model."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .deletion import Deletable


class OrganisationOwned(Deletable):
    """A row that belongs to exactly one organisation (the tenant).

    The default manager is scoped: outside `django_scopes.scope(organisation=...)` any query
    raises instead of silently reading every tenant's rows. The tenancy middleware opens the
    scope for each request; commands open it explicitly. Whether it can be deleted now is
    `Deletable`'s question.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not getattr(self, "_keep_timestamps", False):
            self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def audit_subject(self):
        """The object on whose page this row's history is shown."""
        return self
