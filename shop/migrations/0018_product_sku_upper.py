"""An index on the products' SKU in capitals, for the search's exact-SKU match
(`sku__iexact`, which PostgreSQL runs as `upper(sku::text) = upper(%s)`): the search finds its
ids part by part, each from an index (shop/catalogue/search/postgres.py), and without this one
the SKU part read every product (65 ms at 100,000; docs/performance.md "At size").

Only on PostgreSQL, and outside Django's model state, as migration 0009's search indexes: the
other databases search without it."""

from django.db import migrations

ADD = "CREATE INDEX IF NOT EXISTS shop_product_sku_upper ON shop_product (upper(sku::text))"
DROP = "DROP INDEX IF EXISTS shop_product_sku_upper"


def _run(sql: str, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(sql)


def sku_upper_add(apps, schema_editor) -> None:
    _run(ADD, schema_editor)
    _run("ANALYZE shop_product", schema_editor)


def sku_upper_drop(apps, schema_editor) -> None:
    _run(DROP, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0017_product_updated_index"),
    ]

    operations = [
        migrations.RunPython(sku_upper_add, sku_upper_drop),
    ]
