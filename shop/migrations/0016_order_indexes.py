"""Indexes for a shop of a million orders (docs/performance.md, "At size"): the admin's list
filtered by status or charge status newest first, its search by the start of an e-mail in any
case (shop/orders/search.py), and the dashboard's handed-over orders with cash to record.

The e-mail index uses a PostgreSQL operator class on PostgreSQL (LIKE 'prefix%' under any
collation); elsewhere it is the plain index of the model's state."""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


EMAIL_LOWER = (
    "CREATE INDEX order_email_lower ON shop_order ((lower(email::text)) text_pattern_ops)"
)


class AddEmailIndex(migrations.AddIndex):
    """lower(email) in the state; on PostgreSQL with text_pattern_ops, which Django's OpClass
    cannot put around a function in Django 5.2 (it emits a syntax error)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(EMAIL_LOWER)
            # Statistics of the new expression, or the planner guesses 0.5 % of the orders
            # match any prefix (and picks a scan of every order for a search).
            schema_editor.execute("ANALYZE shop_order")
        else:
            super().database_forwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0015_novaposhta"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["status", "-created_at"], name="order_status_newest"),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["charge_status", "-created_at"], name="order_charge_newest"),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["status", "charge_status"], name="order_status_charge"),
        ),
        AddEmailIndex(
            model_name="order",
            index=models.Index(
                django.db.models.functions.text.Lower("email"),
                name="order_email_lower",
            ),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(
                condition=models.Q(
                    ("charge_status", "unpaid"),
                    ("status__in", ["collected", "delivered", "shipped"]),
                ),
                fields=["-created_at"],
                name="order_goods_out_unpaid",
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=models.Q(("is_active", True), ("stock__lte", 5)),
                fields=["stock"],
                name="product_low_stock",
            ),
        ),
    ]
