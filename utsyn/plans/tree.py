"""A plan's items as a tree, and the progress that rolls up from the leaves.

Everything here works on items already loaded (one query for the whole plan), so a plan page
costs the same number of queries whether it holds ten items or five hundred.
"""

from statistics import mean

from .models import FollowUpStatus


def build_tree(items):
    """Links the items to their children and returns them in reading order (depth first).

    Each item gets `child_items`, `depth` and `rolled_up_progress`.
    """
    children = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered = []

    def visit(parent_id, depth):
        for item in sorted(children.get(parent_id, []), key=lambda i: (i.position, i.pk)):
            item.child_items = children.get(item.pk, [])
            item.depth = depth
            ordered.append(item)
            visit(item.pk, depth + 1)

    visit(None, 0)
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
    """A parent's progress is the plain mean of its children's; cancelled children don't count."""
    if not item.child_items:
        return own_progress(item)
    values = [
        child.rolled_up_progress
        for child in item.child_items
        if child.status != FollowUpStatus.CANCELLED and child.rolled_up_progress is not None
    ]
    return round(mean(values)) if values else None
