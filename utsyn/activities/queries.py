import calendar
import datetime

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Activity, DelegationRequest, Participant


def activities_for_list(queryset=None):
    """Activities with their units, arenas and number of participants, in a single query.

    The participants are counted in a subquery per activity rather than by grouping the join:
    a GROUP BY would read and sort every activity of every year before a page of 50 is taken.
    """
    queryset = Activity.objects.all() if queryset is None else queryset
    participants = (
        Participant.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        queryset.select_related("responsible_unit", "counterpart_arena")
        .annotate(participant_count=Coalesce(Subquery(participants), 0))
        .order_by("-starts_on", "-pk")
    )


def requests_for_list(queryset=None):
    queryset = DelegationRequest.objects.all() if queryset is None else queryset
    return queryset.order_by("-created_at", "-pk")


def month_bounds(month):
    """The first and the last day of the month of a date."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def agenda(first, last):
    """[(day, [activities])] for the activities that take place between two days, in a single
    query. An activity that began before `first` is listed on `first`."""
    activities = (
        Activity.objects.filter(starts_on__lte=last, ends_on__gte=first)
        .select_related("responsible_unit", "counterpart_arena")
        .order_by("starts_on", "start_time", "title", "pk")
    )
    days = {}
    for activity in activities:
        days.setdefault(max(activity.starts_on, first), []).append(activity)
    return sorted(days.items())


def shift_month(month, step):
    """The first day of the month `step` months after (or before) the month of `month`."""
    index = month.year * 12 + month.month - 1 + step
    return datetime.date(index // 12, index % 12 + 1, 1)
