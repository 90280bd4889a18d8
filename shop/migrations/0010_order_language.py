import shop.models.orders
from django.db import migrations, models


class Migration(migrations.Migration):
    """Orders remember their language. Orders placed before had an English shop's pages and
    e-mails, so they are "en"; new ones take the shopper's language."""

    dependencies = [
        ("shop", "0009_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="language",
            field=models.CharField(default="en", max_length=10, verbose_name="language"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="order",
            name="language",
            field=models.CharField(
                choices=[("uk", "Українська"), ("en", "English")],
                default=shop.models.orders.order_language_default,
                max_length=10,
                verbose_name="language",
            ),
        ),
    ]
