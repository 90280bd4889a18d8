"""Search on PostgreSQL (shop/catalogue/search/postgres.py): the pg_trgm extension for typos, and each
product's text-search document stored in a generated column with a GIN index.

The document is what to_tsvector() would otherwise compute for every product on every search
(about 50 ms a search at 1,000 products; reading the stored one takes a few): names (and SKU)
weight A, short descriptions C, descriptions D; every language in the `simple` configuration,
English again in `english`. PostgreSQL keeps it current on every write, bulk ones included.

Only on PostgreSQL, and outside Django's model state: the column is not a model field, so
Django never selects or writes it, and SQLite (which has neither tsvector nor pg_trgm) gets
nothing. Consequences for later migrations:
- a migration that changes the type of a column named in DOCUMENT (say name_uk's max_length)
  fails with "cannot alter type of a column used by a generated column": drop search_document
  first and add it back after (copy `search_document_add`);
- a new language in settings.LANGUAGES needs a migration that adds its columns here.
Tests build their tables without migrations; tests/conftest.py applies `search_document_add`.

CREATE EXTENSION needs a superuser, or (pg_trgm is a trusted extension since PostgreSQL 13)
the owner of the database, which is what Render's DATABASE_URL user is."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# settings.LANGUAGES when this was written, and the configurations that stem them.
LANGUAGES = ("uk", "en")
STEMMING = {"en": "english"}
WEIGHTED_FIELDS = (("name", "A"), ("short_description", "C"), ("description", "D"))


def _vector(config: str, columns: list[str], weight: str) -> str:
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return f"setweight(to_tsvector('{config}', {text}), '{weight}')"


def _document() -> str:
    parts = []
    for field, weight in WEIGHTED_FIELDS:
        columns = [f"{field}_{code}" for code in LANGUAGES]
        parts.append(_vector("simple", columns + (["sku"] if field == "name" else []), weight))
        for code, config in STEMMING.items():
            parts.append(_vector(config, [f"{field}_{code}"], weight))
    return " || ".join(parts)


ADD = [
    "ALTER TABLE shop_product ADD COLUMN IF NOT EXISTS search_document tsvector "
    f"GENERATED ALWAYS AS ({_document()}) STORED",
    "CREATE INDEX IF NOT EXISTS shop_product_search_document "
    "ON shop_product USING gin (search_document) WITH (fastupdate = off)",
    *(
        f"CREATE INDEX IF NOT EXISTS shop_product_name_{code}_trgm "
        f"ON shop_product USING gin (name_{code} gin_trgm_ops) WITH (fastupdate = off)"
        for code in LANGUAGES
    ),
]
DROP = [
    *(f"DROP INDEX IF EXISTS shop_product_name_{code}_trgm" for code in LANGUAGES),
    "DROP INDEX IF EXISTS shop_product_search_document",
    "ALTER TABLE shop_product DROP COLUMN IF EXISTS search_document",
]


def _run(statements: list[str], schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in statements:
            schema_editor.execute(sql)


def search_document_add(apps, schema_editor) -> None:
    _run(ADD, schema_editor)


def search_document_drop(apps, schema_editor) -> None:
    _run(DROP, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0008_stripe_payments"),
    ]

    operations = [
        # Does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(search_document_add, search_document_drop),
    ]
