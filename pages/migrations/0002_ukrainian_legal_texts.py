"""Seeds the information pages' default texts (pages/defaults.py) in Ukrainian and English;
rows already there are left alone."""

from django.db import migrations

from blog.rendering import markdown_render
from pages.defaults import EN, UK


def seed(apps, schema_editor):
    LegalPage = apps.get_model("pages", "LegalPage")
    for kind, (title_uk, body_uk) in UK.items():
        if LegalPage.objects.filter(kind=kind).exists():
            continue
        title_en, body_en = EN[kind]
        LegalPage.objects.create(
            kind=kind,
            title=title_uk,
            title_uk=title_uk,
            title_en=title_en,
            body_markdown=body_uk,
            body_markdown_uk=body_uk,
            body_markdown_en=body_en,
            body_html=markdown_render(body_uk),
            body_html_uk=markdown_render(body_uk),
            body_html_en=markdown_render(body_en),
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
