"""Changes to a plan's tree: moving an item to another place and among its siblings."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from utsyn.audit import actions
from utsyn.audit.services import log_action

from .models import PlanItem

ITEM_MOVED = actions.register("plans.item.moved", _("moved"))


@transaction.atomic
def move_item(item, parent, user):
    """Puts the item last under its new parent; identifiers and history stay with it."""
    old_parent = str(item.parent) if item.parent_id else None
    siblings = PlanItem.objects.filter(plan=item.plan_id, parent=parent).exclude(pk=item.pk)
    item.parent = parent
    item.position = max(siblings.values_list("position", flat=True), default=-1) + 1
    item.full_clean()
    item.save()
    new_parent = str(parent) if parent else None
    log_action(ITEM_MOVED, item, user, {"parent": [old_parent, new_parent]})


@transaction.atomic
def move_among_siblings(item, step, user):
    """Swaps the item with its neighbour `step` places away (-1 up, 1 down) among its
    siblings; at either end nothing changes."""
    siblings = list(
        PlanItem.objects.select_for_update()
        .filter(plan=item.plan_id, parent=item.parent_id)
        .order_by("position", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index + step
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):  # also repairs gaps and ties
        if sibling.position != position:
            PlanItem.objects.filter(pk=sibling.pk).update(position=position)
    log_action(ITEM_MOVED, item, user, {"position": [index + 1, target + 1]})
