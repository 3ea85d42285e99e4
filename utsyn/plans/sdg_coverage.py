"""Which goals the organisation's plans and arenas serve: the coverage page and the reports.

It lives with the plans because a plan item is what serves a goal, and items already know
the arenas; the page that shows it is in `overview`.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Exists, OuterRef

from utsyn.arenas.models import Arena
from utsyn.sdgs.models import Target

from .models import PlanItem


def _tags(model, field, organisation):
    """The rows of the model's `field` many-to-many table that belong to the organisation.

    The through tables are not organisation-owned, so they are not scoped: the filter on the
    owner's organisation is what keeps other tenants out.
    """
    through = getattr(model, field).through
    return through.objects.filter(**{f"{model._meta.model_name}__organisation": organisation})


def _served_counts(model, organisation, group_by=None):
    """{(group, goal number): how many of the model's rows serve the goal}.

    A row serves a goal when it is tagged with the goal or with any of the goal's targets. Two
    grouped counts in the database: the goal tags, and the target tags of rows that do not
    carry the goal itself, so a row tagged with both 11 and 11.3 counts once under goal 11.
    """
    owner = f"{model._meta.model_name}_id"
    same_goal_tag = model.sdg_goals.through.objects.filter(
        **{owner: OuterRef(owner)}, goal_id=OuterRef("target__goal_id")
    )
    target_only = _tags(model, "sdg_targets", organisation).exclude(Exists(same_goal_tag))
    queries = [
        (_tags(model, "sdg_goals", organisation), "goal_id"),
        (target_only, "target__goal_id"),
    ]
    group = f"{model._meta.model_name}__{group_by}" if group_by else None
    counts = Counter()
    for tags, goal in queries:
        keys = [goal, group] if group else [goal]
        for row in tags.values(*keys).annotate(n=Count(owner, distinct=True)).order_by():
            counts[row.get(group), row[goal]] += row["n"]
    return counts


def _targets_used(organisation):
    """The targets that any of the organisation's plan items or arenas is tagged with."""
    used_by_items = _tags(PlanItem, "sdg_targets", organisation).filter(target=OuterRef("pk"))
    used_by_arenas = _tags(Arena, "sdg_targets", organisation).filter(target=OuterRef("pk"))
    return Target.objects.filter(Exists(used_by_items) | Exists(used_by_arenas))


def coverage_rows(goals, plans, organisation):
    """Per goal: how many items of each plan serve it, then how many arenas; and the targets
    used."""
    item_counts = _served_counts(PlanItem, organisation, group_by="plan_id")
    arena_counts = _served_counts(Arena, organisation)
    targets = defaultdict(list)
    for target in _targets_used(organisation):
        targets[target.goal_id].append(target)
    return [
        {
            "goal": goal,
            "counts": [item_counts[plan.pk, goal.number] for plan in plans]
            + [arena_counts[None, goal.number]],
            "targets": targets[goal.number],
        }
        for goal in goals
    ]
