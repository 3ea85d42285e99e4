"""Whether an object can be deleted now, and what deleting it takes along.

Every deletable model inherits `Deletable`. Its `deletion_blocker()` says, in one translated
sentence, why the object cannot be deleted now (or None); the default finds the rows that
refer to it through a PROTECT or RESTRICT foreign key, with Django's own `Collector`, so
that the page asks the same question the database would. A model with a rule of its own
(the last administrator) or a clearer way to say it (sub-units) overrides it.
`deletion_consequences()` tells what goes to the bin with it and what only loses its
reference, for the confirm page.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# {model: how many of its rows}
Rows = dict[type[models.Model], int]


@dataclass
class Consequences:
    """What deleting an object does besides removing it, as "3 plan items" phrases."""

    binned: list[str] = field(default_factory=list)  # deleted with it, restorable with it
    unlinked: list[str] = field(default_factory=list)  # kept, without their reference to it


class Deletable(models.Model):
    """A model that the one delete page (`audit.editing.confirm_and_bin`) can delete."""

    class Meta:
        abstract = True

    def deletion_blocker(self) -> str | None:
        """Why the object cannot be deleted now, in the user's language; None when it can."""
        referring = blocking_references(self)
        return refused_for(referring) if referring else None

    def deletion_consequences(self) -> Consequences:
        return consequences_of(self)


def _collector(obj: models.Model) -> Collector:
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    return collector


def blocking_references(obj: models.Model) -> Rows:
    """The rows whose PROTECT or RESTRICT reference stops the deletion, counted per model.
    (A restricted row deleted along with the object does not count, as in Django.)"""
    try:
        _collector(obj)
    except (ProtectedError, RestrictedError) as error:
        return referring_rows(error)
    return {}


def referring_rows(error: ProtectedError | RestrictedError) -> Rows:
    """The rows a refused deletion names, counted per model."""
    if isinstance(error, ProtectedError):
        rows = error.protected_objects
    else:
        rows = error.restricted_objects
    return dict(Counter(type(row) for row in rows))


def refused_for(referring: Rows) -> str:
    """The one way a refusal is phrased: "It cannot be deleted while 2 projects refer to it." """
    if len(referring) == 1:
        [(model, count)] = referring.items()
        return ngettext(
            "It cannot be deleted while %(count)d %(things)s refers to it.",
            "It cannot be deleted while %(count)d %(things)s refer to it.",
            count,
        ) % {"count": count, "things": _things(model, count)}
    return _("It cannot be deleted while these refer to it: %(rows)s.") % {
        "rows": ", ".join(_phrases(referring))
    }


def _things(model: type[models.Model], count: int) -> str:
    return str(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)


def consequences_of(obj: models.Model) -> Consequences:
    """What goes to the bin with the object (its CASCADE rows) and what stays without its
    reference to it (SET_NULL). Link tables of many-to-many fields are left out: the links
    are part of the object as the user sees it."""
    try:
        collector = _collector(obj)
    except (ProtectedError, RestrictedError):
        return Consequences()  # it cannot be deleted: the page says why instead
    binned: Counter[type[models.Model]] = Counter(
        {model: len(rows) for model, rows in collector.data.items()}
    )
    binned[type(obj)] -= 1  # the object itself
    for queryset in collector.fast_deletes:
        binned[queryset.model] += queryset.count()
    unlinked: Counter[type[models.Model]] = Counter()
    for (reference, _value), batches in collector.field_updates.items():
        # Each batch is a list or queryset of rows; the stubs say one row.
        unlinked[reference.model] += sum(len(batch) for batch in batches)  # type: ignore[misc, arg-type]
    return Consequences(binned=_phrases(dict(binned)), unlinked=_phrases(dict(unlinked)))


def _phrases(rows: Rows) -> list[str]:
    """["3 plan items", "1 plan role"], leaving out none counted and many-to-many links."""
    return [
        _("%(count)d %(things)s") % {"count": count, "things": _things(model, count)}
        for model, count in rows.items()
        if count > 0 and not model._meta.auto_created
    ]
