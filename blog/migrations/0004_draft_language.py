from django.db import migrations, models

LANGUAGES = [("uk", "Українська"), ("en", "English")]


def field(default: str) -> models.CharField:
    return models.CharField(
        choices=LANGUAGES, default=default, max_length=10, verbose_name="language"
    )


class Migration(migrations.Migration):
    """AI drafts in either language. Plans and jobs from before wrote English, and keep doing
    so; new ones default to Ukrainian (LANGUAGE_CODE)."""

    dependencies = [
        ("blog", "0003_post_translations_copy_english"),
    ]

    operations = [
        migrations.AddField(
            model_name=model, name="language", field=field("en"), preserve_default=False
        )
        for model in ("postgenerationjob", "postplan")
    ] + [
        migrations.AlterField(model_name=model, name="language", field=field("uk"))
        for model in ("postgenerationjob", "postplan")
    ]
