"""Existing posts were written in English: copy their text into the new `_en` columns (the
rendered HTML too), so they keep showing in English and, through the fallback, in Ukrainian
until someone translates them. Only empty `_en` columns are filled; one UPDATE per field, in
SQL both SQLite and PostgreSQL run."""

from django.db import migrations
from django.db.models import F

FIELDS = ["title", "excerpt", "body_markdown", "body_html", "meta_title", "meta_description"]


def copy_to_english(apps, schema_editor):
    post = apps.get_model("blog", "Post")
    for field in FIELDS:
        post.objects.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_post_translations"),
    ]

    operations = [
        # Backwards the original columns still hold the text, so there is nothing to undo.
        migrations.RunPython(copy_to_english, migrations.RunPython.noop),
    ]
