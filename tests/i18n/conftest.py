import pytest

from tests.shop.factories import CategoryFactory, ProductFactory


def pytest_collection_modifyitems(items):
    """Everything in tests/i18n runs as production does: Ukrainian by default
    (tests/conftest.py explains the suite's English default)."""
    for item in items:
        if "tests/i18n/" in str(item.fspath):
            item.add_marker(pytest.mark.production_languages)


@pytest.fixture
def skillet(db):
    category = CategoryFactory.create(name_uk="Кухня", name_en="Kitchen", slug="kitchen")
    return ProductFactory.create(
        category=category,
        name_uk="Чавунна сковорода",
        name_en="Cast iron skillet",
        slug="skillet",
        stock=10,
    )
