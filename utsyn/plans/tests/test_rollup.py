from utsyn.plans.queries import plan_tree
from utsyn.testing import PlanFactory, PlanItemFactory


def _tree(world, children):
    """A plan with one goal, a sub-goal below it, and the given measures below the sub-goal."""
    plan = PlanFactory(organisation=world.organisation, level_names="Goal\nSub-goal\nMeasure")
    goal = PlanItemFactory(plan=plan, identifier="Goal", progress=5)  # own figure is ignored
    sub_goal = PlanItemFactory(plan=plan, parent=goal, identifier="Sub-goal")
    for n, (status, progress) in enumerate(children):
        PlanItemFactory(
            plan=plan, parent=sub_goal, identifier=f"M{n}", status=status, progress=progress
        )
    other = PlanItemFactory(plan=plan, parent=goal, identifier="Other sub-goal", progress=100)
    return {item.identifier: item for item in plan_tree(plan)}, other


def test_a_parents_progress_is_the_mean_of_its_children(alpha):
    items, _other = _tree(
        alpha,
        [("on_track", 20), ("delayed", 60), ("cancelled", 0), ("completed", None)],
    )
    # Cancelled measures do not count; a completed one without a figure counts as 100.
    assert items["Sub-goal"].rolled_up_progress == 60  # (20 + 60 + 100) / 3
    assert items["Goal"].rolled_up_progress == 80  # (60 + 100) / 2, not its own 5
    assert items["M2"].rolled_up_progress == 0  # a leaf keeps its own figure


def test_unknown_progress_is_left_out_and_not_started_counts_as_zero(alpha):
    items, _other = _tree(alpha, [("on_track", None), ("not_started", None)])
    assert items["Sub-goal"].rolled_up_progress == 0
    items, _other = _tree(alpha, [("on_track", None), ("continuous", None)])
    assert items["Sub-goal"].rolled_up_progress is None
    assert items["Goal"].rolled_up_progress == 100  # only the other sub-goal is known


def test_an_item_followed_up_itself_keeps_the_progress_reported_for_it(alpha):
    plan = PlanFactory(organisation=alpha.organisation, level_names="Goal\nMeasure")
    plan.followed_up_levels = [1, 2]
    plan.save()
    goal = PlanItemFactory(plan=plan, identifier="Goal", progress=5)
    PlanItemFactory(plan=plan, parent=goal, identifier="M", progress=80)
    unreported = PlanItemFactory(plan=plan, identifier="Goal 2")
    PlanItemFactory(plan=plan, parent=unreported, identifier="M2", progress=40)
    items = {item.identifier: item for item in plan_tree(plan)}
    assert items["Goal"].rolled_up_progress == 5  # its own status update said so
    assert items["Goal 2"].rolled_up_progress == 40  # nothing reported: from the items below
