# Partnerships' own vocabulary: the status "on hold" with its reason, the outcomes of decisions
# on partner cities and agreements, and the arenas an agreement or network covers.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('arenas', '0003_bounded_values'),
    ]

    operations = [
        migrations.AddField(
            model_name='arena',
            name='covers',
            field=models.ManyToManyField(blank=True, help_text='For an agreement or a network: the arenas of the register it covers, e.g. the twin cities of a joint strategy.', related_name='covered_by', to='arenas.arena', verbose_name='covers'),
        ),
        migrations.AddField(
            model_name='arena',
            name='status_reason',
            field=models.TextField(blank=True, help_text='Why the arena has this status, e.g. why it is on hold (required then). Emptied when the status changes, unless a new reason is given.', verbose_name='reason for the status'),
        ),
        migrations.AlterField(
            model_name='arena',
            name='status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('active', 'Active'), ('on_hold', 'On hold'), ('ending', 'Ending'), ('ended', 'Ended')], max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='outcome',
            field=models.CharField(choices=[('continue', 'Continue'), ('leave', 'Leave'), ('join', 'Join'), ('request_join', 'Asked for membership'), ('consider_joining', 'Asked to consider joining'), ('establish', 'Establish the cooperation'), ('renew', 'Renew'), ('suspend', 'Suspend (put on hold)'), ('resume', 'Resume'), ('end', 'End the cooperation')], max_length=20, verbose_name='outcome'),
        ),
    ]


PARTNER_CITY_KINDS = ["twin_city", "agreement"]
# Partner cities' decisions were recorded with the words of memberships.
MEMBERSHIP_TO_PARTNERSHIP = {"join": "establish", "leave": "end"}
# Back: the outcomes memberships have no word for become "continue".
PARTNERSHIP_TO_MEMBERSHIP = {
    "establish": "join",
    "end": "leave",
    "renew": "continue",
    "suspend": "continue",
    "resume": "continue",
}


def _rename_outcomes(apps, mapping):
    Decision = apps.get_model("arenas", "Decision")
    partner_decisions = Decision.objects.filter(arena__kind__in=PARTNER_CITY_KINDS)
    for old, new in mapping.items():
        partner_decisions.filter(outcome=old).update(outcome=new)


def speak_of_partnerships(apps, schema_editor):
    _rename_outcomes(apps, MEMBERSHIP_TO_PARTNERSHIP)


def speak_of_memberships(apps, schema_editor):
    _rename_outcomes(apps, PARTNERSHIP_TO_MEMBERSHIP)
    # Before "on hold" there was no status for it; "active" is what such arenas still were.
    apps.get_model("arenas", "Arena").objects.filter(status="on_hold").update(status="active")


Migration.operations.append(migrations.RunPython(speak_of_partnerships, speak_of_memberships))
