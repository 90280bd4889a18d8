"""Catalogue text in Ukrainian and English (django-modeltranslation): a shopper reads the
language their browser asks for, and a product written in only one language still shows."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.shop.factories import CategoryFactory, ProductFactory

# As in production: Ukrainian at the unprefixed URLs; English chosen (the cookie) goes to /en/.
pytestmark = [pytest.mark.django_db, pytest.mark.production_languages]

UK = {"HTTP_ACCEPT_LANGUAGE": "uk"}
EN = {"HTTP_COOKIE": "django_language=en", "follow": True}


@pytest.fixture
def skillet():
    category = CategoryFactory.create(name_uk="Кухня", name_en="Kitchen", slug="kitchen")
    return ProductFactory.create(
        category=category,
        name_uk="Чавунна сковорода",
        name_en="Cast iron skillet",
        short_description_uk="Служитиме десятиліттями.",
        short_description_en="Lasts for decades.",
        description_uk="Тримає жар.",
        description_en="Holds its heat.",
        slug="skillet",
    )


def test_ukrainian_comes_first_and_english_second():
    assert [code for code, _name in settings.LANGUAGES] == ["uk", "en"]
    assert settings.LANGUAGE_CODE == "uk"


def test_the_product_page_is_in_the_shoppers_language(client, skillet):
    uk = client.get(skillet.get_absolute_url(), **UK).text
    assert "Чавунна сковорода" in uk and "Служитиме десятиліттями." in uk
    assert "Тримає жар." in uk and "Кухня" in uk
    assert "Cast iron skillet" not in uk

    en = client.get(skillet.get_absolute_url(), **EN).text
    assert "Cast iron skillet" in en and "Holds its heat." in en and "Kitchen" in en
    assert "Чавунна" not in en


def test_the_catalogue_is_in_the_shoppers_language(client, skillet):
    assert "Чавунна сковорода" in client.get("/", **UK).text
    # The same URL for an English browser: the cached page is per language, never shared.
    english = client.get("/", **EN).text
    assert "Cast iron skillet" in english and "Чавунна" not in english


@pytest.mark.parametrize(
    ("filled", "shown_in"),
    [({"name_uk": "Лише українською"}, EN), ({"name_en": "English only"}, UK)],
)
def test_a_product_in_one_language_shows_its_name_in_the_other(client, filled, shown_in):
    product = ProductFactory.create(
        slug="one-language", **{"name_uk": None, "name_en": None, **filled}
    )
    [name] = filled.values()
    assert name in client.get(product.get_absolute_url(), **shown_in).text
    assert name in client.get("/", **shown_in).text


def test_sorting_by_name_follows_the_shoppers_language(client):
    category = CategoryFactory.create()
    ProductFactory.create(category=category, name_uk="Апельсин", name_en="Orange")
    ProductFactory.create(category=category, name_uk="Яблуко", name_en="Apple")

    def first(headers, *names: str) -> str:
        page = client.get(category.get_absolute_url(), {"sort": "name"}, **headers).text
        return min(names, key=page.index)

    assert first(UK, "Апельсин", "Яблуко") == "Апельсин"
    assert first(EN, "Apple", "Orange") == "Apple"


# --- the migration carries existing (English) text over -----------------------------------

OLD_ROWS = """
INSERT INTO shop_category (id, name, slug, description, position, is_active)
VALUES (1, 'Kitchen', 'kitchen', 'Tools for cooks.', 0, 1);
INSERT INTO shop_product (id, category_id, name, slug, sku, price, stock, is_active,
    short_description, description, image, created_at, updated_at)
VALUES (1, 1, 'Skillet', 'skillet', 'KIT-001', '39.90', 5, 1, 'Sears well.', 'Heavy iron.', '',
    '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO blog_post (id, title, slug, excerpt, body_markdown, body_html, cover_image, status,
    publish_at, meta_title, meta_description, is_ai_generated, ai_topic, ai_keywords, ai_model,
    created_at, updated_at)
VALUES (1, 'Care', 'care', 'Oil it.', '**Oil** it.', '<p><strong>Oil</strong> it.</p>', '',
    'published', '2026-01-01 00:00:00', '', 'Oil it.', 0, '', '', '',
    '2026-01-01 00:00:00', '2026-01-01 00:00:00');
"""


def migrate(database: Path, *targets: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    for target in targets or [None]:
        subprocess.run(
            [*command, *target.split()] if target else command,
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            timeout=120,
        )


def test_migrating_an_existing_shop_keeps_its_text_in_english(tmp_path):
    """A database from before the translations: its rows' text lands in the `_en` columns
    and the `_uk` ones stay empty (so the shop falls back to English until translated)."""
    database = tmp_path / "old.sqlite3"
    migrate(database, "shop 0005", "blog 0001")
    with sqlite3.connect(database) as connection:
        connection.executescript(OLD_ROWS)
    migrate(database)
    with sqlite3.connect(database) as connection:
        category = connection.execute(
            "SELECT name_en, description_en, name_uk, description_uk FROM shop_category"
        ).fetchone()
        product = connection.execute(
            "SELECT name_en, short_description_en, description_en, name_uk, "
            "short_description_uk, description_uk FROM shop_product"
        ).fetchone()
        post = connection.execute(
            "SELECT title_en, excerpt_en, body_markdown_en, body_html_en, meta_description_en, "
            "title_uk, body_markdown_uk, body_html_uk FROM blog_post"
        ).fetchone()
    assert category == ("Kitchen", "Tools for cooks.", None, None)
    assert product == ("Skillet", "Sears well.", "Heavy iron.", None, None, None)
    assert post == (
        "Care",
        "Oil it.",
        "**Oil** it.",
        "<p><strong>Oil</strong> it.</p>",
        "Oil it.",
        None,
        None,
        None,
    )
