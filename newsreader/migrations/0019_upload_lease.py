"""A worker's lease on the upload it ingests (newsreader.tasks). Uploads a worker took up
before there was a lease count as tried once, their lease renewed when they started: one
left stuck by a killed worker is put back in the queue by ``manage.py reclaim_uploads``."""

from django.db import migrations, models


def date_earlier_tries(apps, schema_editor):
    Upload = apps.get_model("newsreader", "Upload")
    Upload.objects.filter(started_at__isnull=False).update(
        attempts=1, lease_renewed_at=models.F("started_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("newsreader", "0018_repair_bodies_saved_with_crlf"),
    ]

    operations = [
        migrations.AddField(
            model_name="upload",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="tries"),
        ),
        migrations.AddField(
            model_name="upload",
            name="lease_renewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="lease renewed"),
        ),
        migrations.AddField(
            model_name="upload",
            name="task_id",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(date_earlier_tries, migrations.RunPython.noop),
    ]
