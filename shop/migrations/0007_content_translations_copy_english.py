"""Existing catalogue text was written in English: copy it into the new `_en` columns, so it
keeps showing in English and, through the fallback, in Ukrainian until someone translates it.
Only empty `_en` columns are filled, so running it on rows that already have them is a no-op.
One UPDATE per field, in SQL both SQLite and PostgreSQL run."""

from django.db import migrations
from django.db.models import F

FIELDS = {
    "Category": ["name", "description"],
    "Product": ["name", "short_description", "description"],
}


def copy_to_english(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("shop", model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0006_content_translations"),
    ]

    operations = [
        # Backwards the original columns still hold the text, so there is nothing to undo.
        migrations.RunPython(copy_to_english, migrations.RunPython.noop),
    ]
