# Plans as documents have them: optional identifiers, sections outside the levels, and the
# levels a plan follows up (instead of "every item without sub-items").

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('arenas', '0003_bounded_values'),
        ('organisations', '0002_reserved_slugs'),
        ('plans', '0002_bounded_values'),
        ('sdgs', '0003_refresh_titles'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='planitem',
            name='item_identifier_unique_in_plan',
        ),
        migrations.AddField(
            model_name='plan',
            name='followed_up_levels',
            field=models.JSONField(blank=True, default=list, help_text='The levels whose items each follow-up round asks about. None chosen: the lowest.', verbose_name='levels followed up'),
        ),
        migrations.AddField(
            model_name='planitem',
            name='followed_up',
            field=models.CharField(blank=True, choices=[('', 'As the plan says for its level'), ('yes', 'Yes, in every round'), ('no', 'No')], default='', max_length=3, verbose_name='followed up in rounds'),
        ),
        migrations.AddField(
            model_name='planitem',
            name='is_section',
            field=models.BooleanField(default=False, help_text="A heading with text outside the plan's levels, e.g. a chapter on how the work is organised: it has no level name and is not followed up.", verbose_name='section'),
        ),
        migrations.AlterField(
            model_name='planitem',
            name='identifier',
            field=models.CharField(blank=True, help_text="As the plan writes it, e.g. “Tiltak 12”. Leave it empty where the plan gives none: the level and the item's place are shown instead (“Strategi 2”).", max_length=60, verbose_name='identifier'),
        ),
        migrations.AddConstraint(
            model_name='planitem',
            constraint=models.UniqueConstraint(condition=models.Q(('identifier', ''), _negated=True), fields=('plan', 'identifier'), name='item_identifier_unique_in_plan'),
        ),
    ]


def fit_existing_plans(apps, schema_editor):
    """Keeps what every existing plan showed and asked for.

    - An identifier equal to the title was how an unnumbered item was entered: it becomes
      empty, so that the level and the item's place are shown.
    - Items below the last named level took its name: the plan now names as many levels as
      its items use, repeating the last name, and follows up the levels from the old lowest
      one down (all the items that were named after it).
    - Items without sub-items above the followed-up levels were asked in every round: they are
      marked as followed up, so that no round loses them.
    """
    Plan = apps.get_model("plans", "Plan")
    PlanItem = apps.get_model("plans", "PlanItem")
    PlanItem.objects.filter(identifier=models.F("title")).update(identifier="")
    for plan in Plan.objects.all():
        items = list(PlanItem.objects.filter(plan=plan).values_list("pk", "parent_id"))
        if not items:
            continue
        depths = _depths(items)
        names = [line.strip() for line in plan.level_names.splitlines() if line.strip()]
        if not names:
            continue
        deepest = max(depths.values(), default=0)
        if deepest >= len(names):
            followed = list(range(len(names), deepest + 2))
            names += [names[-1]] * (deepest + 1 - len(names))
            plan.level_names = "\n".join(names)
            plan.followed_up_levels = followed
            plan.save(update_fields=["level_names", "followed_up_levels"])
        followed_levels = {number - 1 for number in plan.followed_up_levels} or {len(names) - 1}
        parents = {parent_id for _pk, parent_id in items if parent_id}
        leaves_above = [
            pk
            for pk, depth in depths.items()
            if pk not in parents and depth not in followed_levels
        ]
        PlanItem.objects.filter(pk__in=leaves_above).update(followed_up="yes")


def _depths(items):
    children = {}
    for pk, parent_id in items:
        children.setdefault(parent_id, []).append(pk)
    depths, todo = {}, [(pk, 0) for pk in children.get(None, [])]
    while todo:
        pk, depth = todo.pop()
        if pk not in depths:
            depths[pk] = depth
            todo.extend((child, depth + 1) for child in children.get(pk, []))
    return depths


Migration.operations.append(
    migrations.RunPython(fit_existing_plans, migrations.RunPython.noop, elidable=True)
)
