"""Where each item stands in its plan, worked out for the whole plan in one pass.

An item's place gives it everything that depends on the items around it rather than on the
item alone: its level (its depth, not counting the sections above it), its number among its
siblings, the identifier shown when it has none of its own, the unit it inherits when it names
none, and whether follow-up rounds ask about it. Every page, download, round and report takes
these from here, so that the plan page, the to-do list and the yearly report never disagree.

The functions work on rows already loaded (PlanItem instances, or anything with the same
attributes), so that a plan of five hundred items costs the same queries as one of ten. They
import no model, so that the models may use them too.
"""

from dataclasses import dataclass
from typing import Any

# The fields the computations read: what a query needs to load for them.
OUTLINE_FIELDS = (
    "pk",
    "plan_id",
    "parent_id",
    "position",
    "identifier",
    "title",
    "is_section",
    "followed_up",
    "responsible_unit_id",
)


@dataclass
class Place:
    order: int  # index in the plan's reading order (depth first)
    depth: int  # 0 = at the top, sections included
    level: int | None  # index into the plan's level names; None for a section
    child_level: int  # the level of the items directly below it
    level_name: str  # "" for a section
    number: int | None  # 1, 2 … at its level under the same item (sections do not count)
    identifier: str  # its own, else the level name and number ("Strategi 2"); a section's own
    heading: str  # the line above the title: "Tiltak 12", "Delmål · 2.1", "Strategi 3"
    label: str  # one line for lists: "Tiltak 12: Title", or the title alone
    unit_source: Any  # the item (itself or the nearest ancestor) whose unit is responsible
    inherits_unit: bool  # names no unit of its own, and an ancestor does
    is_followed_up: bool
    plan_rank: int = 0  # the plan's place among several (`queries.items_in_tree_order`)

    @property
    def unit_id(self):
        return self.unit_source.responsible_unit_id if self.unit_source else None

    @property
    def unit(self):
        """The responsible unit (a query unless the rows were loaded with their units)."""
        return self.unit_source.responsible_unit if self.unit_source else None


def children_of(items):
    """{parent id: children in their order}: the one ordering of siblings."""
    children: dict[Any, list] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    for siblings in children.values():
        siblings.sort(key=lambda item: (item.position, item.pk or 0))
    return children


def walk(items):
    """(item, depth, level, level of its children) in reading order, depth first.

    A section takes no level: the items below it take the level its siblings have. Items whose
    parent is not among the items (or that form a circle) are not reached."""
    children = children_of(items)
    stack = [(item, 0, 0) for item in reversed(children.get(None, []))]
    seen = set()
    while stack:
        item, depth, next_level = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        level = None if item.is_section else next_level
        below = next_level if item.is_section else next_level + 1
        yield item, depth, level, below
        if item.pk is not None:
            stack.extend((child, depth + 1, below) for child in reversed(children.get(item.pk, [])))


def is_followed_up(item, level, followed_levels):
    """A section never; an item marked yes or no as marked; any other as its level says."""
    if item.is_section:
        return False
    if item.followed_up:
        return item.followed_up == "yes"
    return level in followed_levels


def places(items, level_names, followed_levels):
    """{item pk: Place} for the items of one plan, in reading order."""
    result, numbers, unit_sources, anchors = {}, {}, {}, {}
    for order, (item, depth, level, child_level) in enumerate(walk(items)):
        inherited = unit_sources.get(item.parent_id)
        source = item if item.responsible_unit_id else inherited
        unit_sources[item.pk] = source
        # Items are numbered under their nearest ancestor that is not a section: the strategies
        # of a sub-goal count on through a section that groups some of them.
        anchor = anchors.get(item.parent_id)
        anchors[item.pk] = anchor if item.is_section else item.pk
        if item.is_section:
            number, level_name = None, ""
        else:
            number = numbers[anchor] = numbers.get(anchor, 0) + 1
            level_name = level_names[level] if level < len(level_names) else ""
        identifier = item.identifier or (f"{level_name} {number}" if level_name else "")
        result[item.pk] = Place(
            order=order,
            depth=depth,
            level=level,
            child_level=child_level,
            level_name=level_name,
            number=number,
            identifier=identifier,
            heading=heading(item.identifier, level_name, number),
            label=f"{identifier}: {item.title}" if identifier else item.title,
            unit_source=source,
            inherits_unit=source is not None and source is not item,
            is_followed_up=is_followed_up(item, level, followed_levels),
        )
    return result


def heading(identifier, level_name, number):
    """The line above an item's title. The level name is not repeated when the identifier
    already carries it ("Tiltak 1", not "Tiltak · Tiltak 1"); a section shows its identifier
    only; an item without an identifier shows its level and place ("Strategi 2")."""
    if not level_name:
        return identifier
    if not identifier:
        return f"{level_name} {number}"
    if identifier.casefold().startswith(level_name.casefold()):
        return identifier
    return f"{level_name} · {identifier}"


def effective_unit_ids(items):
    """{item pk: the id of its own responsible unit, else that of its nearest ancestor's}."""
    units = {}
    for item, *_rest in walk(items):
        units[item.pk] = item.responsible_unit_id or units.get(item.parent_id)
    return units


UNSAVED = "unsaved"  # the key of an item not saved yet


def levels_of(items):
    """{item pk (`UNSAVED` for an item not saved yet): its level, None for a section}."""
    return {key(item): level for item, _depth, level, _below in walk(items)}


def key(item):
    return UNSAVED if item.pk is None else item.pk


def subtree(items, root):
    """The root and every item below it."""
    children = children_of(items)
    found, todo = [], [root]
    while todo:
        item = todo.pop()
        found.append(item)
        if item.pk is not None:
            todo.extend(children.get(item.pk, []))
    return found
