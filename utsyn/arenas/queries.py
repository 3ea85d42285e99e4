from django.db.models import Count, F, OuterRef, Subquery

from .models import Arena, Assessment, Decision


def arenas_for_list(queryset=None):
    """Arenas with their latest recommendation and decision, in a single query."""
    queryset = Arena.objects.all() if queryset is None else queryset
    latest_assessment = Assessment.objects.filter(arena=OuterRef("pk")).order_by(
        "-assessed_on", "-pk"
    )
    latest_decision = Decision.objects.filter(arena=OuterRef("pk")).order_by(
        F("decided_on").desc(nulls_last=True), "-pk"
    )
    return queryset.select_related("responsible", "operational_unit").annotate(
        latest_recommendation=Subquery(latest_assessment.values("recommendation")[:1]),
        latest_decision=Subquery(latest_decision.values("outcome")[:1]),
    )


def assessments_for_list(queryset=None):
    """Assessments, newest first, with their arenas and assessors, in a single query."""
    queryset = Assessment.objects.all() if queryset is None else queryset
    return queryset.select_related("arena", "assessor").order_by("-assessed_on", "-pk")


def status_counts(queryset=None):
    """[(status, label, number of arenas)] for every status, in the register's order, in one
    query: each status is counted apart, none left out for having no arena."""
    queryset = Arena.objects.all() if queryset is None else queryset
    counts = dict(queryset.values_list("status").annotate(n=Count("pk")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in Arena.Status.choices]
