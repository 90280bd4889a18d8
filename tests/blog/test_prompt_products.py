"""The products an AI draft may link to: found by the catalogue's own search, in either
language, whatever language the worker runs in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from blog.selectors import catalogue_for_prompt
from shop.catalogue.demo import demo_catalogue_seed
from shop.catalogue.demo_data import CATEGORIES

pytestmark = pytest.mark.django_db

COFFEE_TEA = {p.name.en for c in CATEGORIES if c.slug == "coffee-tea" for p in c.products}


@pytest.fixture
def demo():
    demo_catalogue_seed()


@pytest.mark.parametrize(
    ("topic", "keywords"),
    [
        ("Як заварити каву вдома", ["кава", "пуровер"]),  # a Ukrainian request
        ("Brewing better coffee at home", []),
        ("Weekend gift ideas", ["coffee", "tea"]),
    ],
)
def test_a_post_about_coffee_links_to_the_coffee(demo, topic, keywords):
    with translation.override("en"):  # a worker runs in LANGUAGE_CODE, whatever it is
        items = catalogue_for_prompt(topic=topic, keywords=keywords, limit=4)
    assert len(items) == 4
    assert {item.name for item in items} <= COFFEE_TEA, items
    assert all(item.url.startswith("/products/") for item in items)


def test_a_topic_the_shop_has_nothing_for_still_gets_real_products(demo):
    with CaptureQueriesContext(connection) as queries:
        items = catalogue_for_prompt(topic="Quantum chromodynamics", keywords=["qwzx"], limit=5)
    assert len(items) == 5
    assert len({item.url for item in items}) == 5
    assert len(queries) <= 2
