"""A plan's items as a tree, and the progress that rolls up from the items below.

Everything here works on items already loaded (one query for the whole plan), so a plan page
costs the same number of queries whether it holds ten items or five hundred.
"""

from statistics import mean

from . import outline
from .models import FollowUpStatus


def build_tree(items, plan):
    """Links the items of one plan to their children and returns them in reading order.

    Each item gets its `place` (see `outline.Place`), `child_items`, `depth`, `level_name`
    and `rolled_up_progress`.
    """
    places = outline.places(items, plan.levels(), plan.followed_up_level_indexes())
    children = outline.children_of(items)
    ordered = sorted(
        (item for item in items if item.pk in places), key=lambda i: places[i.pk].order
    )
    for item in ordered:
        item.place = places[item.pk]
        item.plan = plan  # spares a query per item wherever the plan is asked for
        item.child_items = children.get(item.pk, [])
        item.depth = item.place.depth
        item.level_name = item.place.level_name
    for item in reversed(ordered):  # children before parents
        item.rolled_up_progress = _rolled_up(item)
    return ordered


def own_progress(item):
    """An item's own progress: as reported, else 100 when completed, 0 when not started.

    Any other status without a figure is unknown (None) and left out of averages.
    """
    if item.progress is not None:
        return item.progress
    if item.status == FollowUpStatus.COMPLETED:
        return 100
    if item.status == FollowUpStatus.NOT_STARTED:
        return 0
    return None


def _rolled_up(item):
    """A parent's progress is the plain mean of its children's; cancelled children don't count.

    An item that rounds ask about keeps the progress reported for it, where there is one.
    """
    own = own_progress(item)
    if not item.child_items or (item.place.is_followed_up and own is not None):
        return own
    values = [
        child.rolled_up_progress
        for child in item.child_items
        if child.status != FollowUpStatus.CANCELLED and child.rolled_up_progress is not None
    ]
    return round(mean(values)) if values else None
