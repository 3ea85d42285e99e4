from django.db import migrations, models

# The rows that can be marked "illustrative example" (invented demonstration data).
MARKED = [
    ("followup", "Round"),
    ("indicators", "Indicator"),
    ("projects", "Project"),
    ("activities", "Activity"),
    ("activities", "Cost"),
    ("activities", "DelegationRequest"),
]


def keep_the_marks_that_exist(apps, schema_editor):
    """An organisation that already holds rows marked illustrative keeps seeing the mark:
    hiding it would make invented figures look real. Every other organisation starts as a
    real one, whose forms, lists and downloads no longer show the mark."""
    Organisation = apps.get_model("organisations", "Organisation")
    holding = set()
    for app_label, model_name in MARKED:
        model = apps.get_model(app_label, model_name)
        holding |= set(
            model._base_manager.filter(is_illustrative=True).values_list(
                "organisation_id", flat=True
            )
        )
    Organisation._base_manager.filter(pk__in=holding).update(holds_demo_data=True)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_reserved_slugs"),
        # Where the marked rows were introduced.
        ("followup", "0001_initial"),
        ("indicators", "0001_initial"),
        ("projects", "0001_initial"),
        ("activities", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="holds_demo_data",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Shows the “illustrative example” mark on forms, lists and downloads. For "
                    "demonstration organisations only."
                ),
                verbose_name="holds demonstration data",
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="kind",
            field=models.CharField(
                choices=[
                    ("council", "Council (bystyre, kommunestyre, kommunfullmäktige)"),
                    ("executive", "Executive body (byråd, formannskap, kommunstyrelse)"),
                    ("executive_member", "Member of the executive (byråd, ordfører)"),
                    ("committee", "Committee (utvalg, nämnd)"),
                    (
                        "chief_executive",
                        "Chief executive (rådmann, kommunedirektør, kommundirektör)",
                    ),
                    ("department", "Department (byrådsavdeling, förvaltning)"),
                    ("agency", "Agency (etat)"),
                    ("office", "Office or section"),
                    ("unit", "Unit (resultatenhet, institution)"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(keep_the_marks_that_exist, migrations.RunPython.noop),
    ]
