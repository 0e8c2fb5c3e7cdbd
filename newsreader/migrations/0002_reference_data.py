"""Load the region and source reference data from fixtures/ into a new database.

Reads the fixture JSON itself (rather than calling loaddata) so that it keeps working with
the models as they were at this migration, whatever later migrations change.
"""

import json
from pathlib import Path

from django.core.management.color import no_style
from django.db import migrations

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


def load_reference_data(apps, schema_editor):
    models = []
    for fixture, model_name in [("regions.json", "Region"), ("sources.json", "Source")]:
        model = apps.get_model("newsreader", model_name)
        fields = {f.name: f.attname for f in model._meta.concrete_fields}
        records = json.loads((FIXTURES / fixture).read_text())
        # Fields a later version of the fixture adds are left out, not guessed at.
        rows = [
            model(
                pk=record["pk"],
                **{fields[name]: value for name, value in record["fields"].items() if name in fields},
            )
            for record in records
        ]
        # Parents come before children in the fixture, so one bulk insert keeps FKs valid.
        model.objects.using(schema_editor.connection.alias).bulk_create(rows, batch_size=500)
        models.append(model)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def remove_reference_data(apps, schema_editor):
    region = apps.get_model("newsreader", "Region")
    # Children first: a region's parent is protected while it has children.
    for kind in ["place", "country", "subregion"]:
        region.objects.filter(kind=kind).delete()
    apps.get_model("newsreader", "Source").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, remove_reference_data)]
