"""Hryvnia and dates as each language writes them: one formatter (Babel) for every amount a
shopper reads, Django's localised formats (with ours, smartshop/formats/) for dates."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.money import money_format
from shop.orders.access import order_grant
from tests.shop.conftest import cart_add
from tests.shop.factories import OrderFactory, OrderLineFactory

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "currency", "amount", "shown"),
    [
        ("uk", "UAH", "1234", f"1{NBSP}234,00{NBSP}₴"),
        ("en", "UAH", "1234", "₴1,234.00"),
        ("uk", "UAH", "849.5", f"849,50{NBSP}₴"),
        ("en", "USD", "1234.5", "$1,234.50"),
        ("en", "EUR", "0.99", "€0.99"),
        ("uk", "USD", "19.99", f"19,99{NBSP}$"),
        ("uk", "EUR", "1000000", f"1{NBSP}000{NBSP}000,00{NBSP}€"),
        ("en", "JPY", "1234", "¥1,234"),  # a currency without decimals keeps none
        ("en", "CHF", "5", "CHF5.00"),  # no narrow symbol known: CLDR's own
    ],
)
def test_money_is_written_the_way_each_language_writes_it(language, currency, amount, shown):
    assert money_format(Decimal(amount), currency, language=language) == shown


def test_the_template_filter_follows_the_active_language_and_the_shops_currency(settings):
    template = Template(
        "{% load money %}{{ price|money }}|{{ price|money:'EUR' }}|{{ none|money }}"
    )
    context = Context({"price": Decimal("1599.00"), "none": None})
    with translation.override("uk"):
        assert template.render(context) == f"1{NBSP}599,00{NBSP}₴|1{NBSP}599,00{NBSP}€|"
    with translation.override("en"):
        assert template.render(context) == "₴1,599.00|€1,599.00|"
    settings.SHOP_CURRENCY = "USD"
    with translation.override("en"):
        assert template.render(context).startswith("$1,599.00|")


def test_the_shop_is_a_hryvnia_shop_by_default(settings):
    assert settings.SHOP_CURRENCY == "UAH"


@pytest.mark.django_db
def test_prices_on_the_pages_are_hryvnia_in_both_languages(client, skillet):
    skillet.price = Decimal("1649.00")
    skillet.save()
    assert f"1{NBSP}649,00{NBSP}₴" in client.get("/products/skillet/").text
    assert "₴1,649.00" in client.get("/en/products/skillet/").text
    cart_add(client, skillet, quantity=2)
    assert f"3{NBSP}298,00{NBSP}₴" in client.get("/cart/").text
    assert "₴3,298.00" in client.get("/en/cart/").text


def test_dates_and_times_are_localised():
    moment = datetime(2026, 11, 27, 22, 52, tzinfo=UTC)  # 00:52 on the 28th in Kyiv
    template = Template('{{ d|date:"DATETIME_FORMAT" }}|{{ d|date:"DATE_FORMAT" }}')
    with translation.override("uk"):
        assert template.render(Context({"d": moment})) == (
            "28 листопада 2026 р., 00:52|28 листопада 2026 р."
        )
    with translation.override("en"):
        assert template.render(Context({"d": moment})) == "28 November 2026, 00:52|28 November 2026"


@pytest.mark.django_db
def test_the_order_page_shows_its_date_and_money_in_the_shoppers_language(client):
    order = OrderFactory.create(
        created_at=datetime(2026, 11, 27, 22, 52, tzinfo=UTC),
        subtotal=Decimal("1234.00"),
        total=Decimal("1234.00"),
        shipping_price=Decimal("0.00"),
        currency="UAH",
    )
    OrderLineFactory.create(order=order, unit_price=Decimal("1234.00"), quantity=1)
    session = client.session
    order_grant(session, order)  # this browser placed it
    session.save()
    uk = client.get(f"/orders/{order.number}/")
    assert "28 листопада 2026 р., 00:52" in uk.text
    assert f"1{NBSP}234,00{NBSP}₴" in uk.text
    en = client.get(f"/en/orders/{order.number}/")
    assert "28 November 2026, 00:52" in en.text and "₴1,234.00" in en.text
    assert not re.search(r"\b(a\.m\.|p\.m\.)", en.text)
