# Who made each change: a person, a visitor through the public form, or Utsyn itself.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='logentry',
            name='actor',
            field=models.CharField(choices=[('person', 'a person'), ('visitor', 'a visitor through the public form'), ('system', 'Utsyn, automatically')], default='person', max_length=10),
        ),
    ]


def name_the_actors(apps, schema_editor):
    # Before this field, an entry without a user was shown as "system". Requests sent through
    # the public visit form were made by visitors; everything else without a user came from a
    # command (reminders, the demo loader), which is what "system" meant.
    LogEntry = apps.get_model("audit", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    requests = ContentType.objects.filter(app_label="activities", model="delegationrequest")
    without_user = LogEntry.objects.filter(user__isnull=True)
    without_user.filter(content_type__in=requests, action="created").update(actor="visitor")
    without_user.exclude(actor="visitor").update(actor="system")


Migration.operations.append(
    migrations.RunPython(name_the_actors, migrations.RunPython.noop, elidable=True)
)
