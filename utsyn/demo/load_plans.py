"""Loads the `[[plans]]` tables of the demo files: plans, their items and roles (see SCHEMA.md).

Plans are matched on (organisation, title), items on (plan, identifier) or, without an
identifier, on (plan, parent, title), and roles on (plan, unit), so loading again updates in
place. An item's follow-up status and progress are never set
here: they come from the approved updates of the follow-up rounds.
"""

import datetime

from utsyn.arenas.models import Arena
from utsyn.plans.models import Plan, PlanItem, PlanRole
from utsyn.sdgs.models import Goal, Target


def load_plans(organisation, files, units):
    """The organisation's plans and items, each by its key in the files."""
    definitions = [plan for data in files for plan in data.get("plans", [])]
    plans = {}
    for definition in definitions:
        _check_new_key(plans, definition["key"], "plan")
        plans[definition["key"]] = _plan(organisation, definition, units)
    items, item_definitions = {}, {}
    for definition in definitions:
        plan = plans[definition["key"]]
        _implements(plan, definition, plans)
        _roles(plan, definition.get("roles", []), units)
        for key, item in _items(plan, definition.get("items", []), units).items():
            _check_new_key(items, key, "item")
            items[key] = item
        item_definitions.update({item["key"]: item for item in definition.get("items", [])})
    # Links across plans, once every item of the organisation exists.
    for key, item in items.items():
        served = item_definitions[key].get("serves", [])
        item.serves.set([lookup(items, name, "item") for name in served])
    return plans, items


def _check_new_key(known, key, what):
    if key in known:
        raise ValueError(f"The {what} key “{key}” is used twice.")


def lookup(known, key, what):
    if key not in known:
        raise ValueError(f"Unknown {what} key “{key}”.")
    return known[key]


def unit_or_none(units, key):
    return lookup(units, key, "unit") if key else None


def date_or_none(value):
    return datetime.date.fromisoformat(value) if value else None


def _plan(organisation, data, units):
    plan, _ = Plan.objects.update_or_create(
        organisation=organisation,
        title=data["title"],
        defaults={
            "type": data["type"],
            "description": data.get("description", "").strip(),
            "start_year": data.get("start_year"),
            "end_year": data.get("end_year"),
            "adopted_by": unit_or_none(units, data.get("adopted_by")),
            "adopted_on": date_or_none(data.get("adopted_on")),
            "case_reference": data.get("case_reference", ""),
            "document_owner": unit_or_none(units, data.get("document_owner")),
            "status": data["status"],
            "valid_until": date_or_none(data.get("valid_until")),
            "cadence": data.get("cadence", ""),
            "follow_up": data.get("follow_up", "").strip(),
            "level_names": "\n".join(data["levels"]),
            "followed_up_levels": data.get("followed_up_levels", []),
            "references": "\n".join(data.get("refers_to", [])),
            "is_published": data.get("is_published", False),
        },
    )
    return plan


def _implements(plan, data, plans):
    key = data.get("implements")
    plan.implements = lookup(plans, key, "plan") if key else None
    plan.full_clean()
    plan.save()


def _roles(plan, definitions, units):
    for position, data in enumerate(definitions, start=1):
        PlanRole.objects.update_or_create(
            organisation=plan.organisation,
            plan=plan,
            unit=lookup(units, data["unit"], "unit"),
            defaults={"responsibilities": data["responsibilities"].strip(), "position": position},
        )


def _items(plan, definitions, units):
    """The plan's items by key; a parent must come before its children in the file."""
    items, positions = {}, {}
    for data in definitions:
        parent_key = data.get("parent") or None
        positions[parent_key] = positions.get(parent_key, 0) + 1
        parent = lookup(items, parent_key, "parent item") if parent_key else None
        identifier = data.get("identifier", "")
        # An unnumbered item is known by its title under its parent.
        match = (
            {"identifier": identifier}
            if identifier
            else {"identifier": "", "parent": parent, "title": data["title"]}
        )
        item, _ = PlanItem.objects.update_or_create(
            organisation=plan.organisation,
            plan=plan,
            **match,
            defaults={
                "parent": parent,
                "position": positions[parent_key],
                "title": data["title"],
                "is_section": data.get("section", False),
                "followed_up": data.get("followed_up", ""),
                "description": data.get("description", "").strip(),
                "responsible_unit": unit_or_none(units, data.get("responsible")),
            },
        )
        item.full_clean()
        item.collaborating_units.set(
            [lookup(units, key, "unit") for key in data.get("collaborating", [])]
        )
        item.arenas.set(arenas_named(plan.organisation, data.get("arenas", [])))
        item.sdg_goals.set(_all_found(Goal, "number", data.get("sdg_goals", [])))
        item.sdg_targets.set(_all_found(Target, "code", data.get("sdg_targets", [])))
        items[data["key"]] = item
    return items


def arenas_named(organisation, names):
    """The organisation's arenas of these exact names; an unknown name stops the load."""
    found = {
        arena.name: arena
        for arena in Arena.objects.filter(organisation=organisation, name__in=names)
    }
    missing = [name for name in names if name not in found]
    if missing:
        raise ValueError(f"No arena named {missing} in {organisation.slug}.")
    return [found[name] for name in names]


def _all_found(model, field, values):
    rows = list(model.objects.filter(**{f"{field}__in": values}))
    if len(rows) != len(set(values)):
        found = {str(getattr(row, field)) for row in rows}
        missing = [value for value in values if str(value) not in found]
        raise ValueError(f"Unknown {model._meta.verbose_name}: {missing}")
    return rows
