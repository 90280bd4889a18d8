"""A shop at a real size (docs/performance.md "At size"): the seeding command, the order
admin that never counts a million rows, its indexed search, and the paged site map."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import core.paginator
from shop.models import Order, OrderLine, Product
from shop.orders.states import reachable_states
from shop.sitemaps import ProductSitemap
from tests.shop.factories import OrderFactory, ProductFactory
from tests.support.translated import en, uk

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/shop/order/"


def seed(products: int, orders: int) -> None:
    call_command("seed_scale", products=products, orders=orders, stdout=None)


def order_rows() -> list[tuple]:
    return list(
        Order.objects.filter(checkout_token__startswith="seed-")
        .order_by("checkout_token")
        .values_list("number", "email", "status", "charge_status", "total")
    )


@pytest.mark.postgres  # COPY, and the planner statistics it leaves
def test_seed_scale_tops_up_deterministically_with_states_the_machine_allows():
    seed(40, 30)
    seed(40, 30)  # idempotent: nothing added
    assert Product.objects.filter(sku__startswith="SC-").count() == 40
    assert Order.objects.filter(checkout_token__startswith="seed-").count() == 30
    seed(40, 60)  # resumed: tops up
    topped_up = order_rows()
    assert len(topped_up) == 60

    # Every order is a state the state machine can reach, its lines add up to its subtotal.
    reachable = {
        (status, charge, paid_by) for status, charge, paid_by, _arrives in reachable_states()
    }
    for order in Order.objects.prefetch_related("lines"):
        paid_by = "cash" if order.payment_method == "cod" else "online"
        assert (order.status, order.charge_status, paid_by) in reachable
        assert 1 <= len(order.lines.all()) <= 4
        assert order.subtotal == sum(line.total for line in order.lines.all())
        assert isinstance(order.total, Decimal) and order.total >= order.subtotal
    product = Product.objects.get(sku="SC-0000001")
    assert (
        uk(product, "name") and en(product, "name") and uk(product, "name") != en(product, "name")
    )

    # The same rows from one run as from two: row i depends on the seed and i only (and its
    # age on the time of the run).
    OrderLine.objects.all().delete()
    Order.objects.all().delete()
    seed(40, 60)
    assert order_rows() == topped_up


def test_seed_scale_refuses_anything_but_postgresql(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        seed(1, 1)


@pytest.mark.postgres  # the estimate is PostgreSQL's statistics; SQLite counts
def test_the_order_list_never_counts_every_order(staff_client, monkeypatch):
    """Estimated from PostgreSQL's statistics once large (here: from 10 rows up): no
    COUNT(*) of the table, neither for the page nor for "N total"."""
    monkeypatch.setattr(core.paginator, "EXACT_BELOW", 10)
    OrderFactory.create_batch(25)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE shop_order")
    with CaptureQueriesContext(connection) as captured:
        response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    counts = [
        q["sql"] for q in captured if "COUNT(" in q["sql"].upper() and "shop_order" in q["sql"]
    ]
    assert not [sql for sql in counts if "shop_orderline" not in sql], counts
    assert "25 orders" in response.text


def test_a_small_filtered_list_is_counted_exactly(staff_client):
    OrderFactory.create_batch(3, status="placed", payment_method="cod")
    OrderFactory.create_batch(2)
    response = staff_client.get(CHANGELIST, {"status__exact": "placed"})
    assert "3 orders" in response.text


def test_orders_are_found_by_the_start_of_their_number_or_e_mail(staff_client):
    olena = OrderFactory.create(number="SS-2026-7KQ4ZP", email="Olena.K@Example.com")
    other = OrderFactory.create(number="SS-2025-ABCDEF", email="taras@example.com")

    def found(term: str) -> set[str]:
        text = staff_client.get(CHANGELIST, {"q": term}).text
        return {number for number in (olena.number, other.number) if number in text}

    assert found("ss-2026-7kq") == {olena.number}
    assert found("7KQ4ZP") == {olena.number}  # the suffix alone, as read out on the phone
    assert found("olena.k@example.com") == {olena.number}  # any case
    assert found("olena") == {olena.number}
    assert found("example.com") == set()  # the start, not anywhere in the address
    assert found("taras@") == {other.number}


def test_the_sitemap_is_an_index_of_pages_that_do_not_load_every_product(client, monkeypatch):
    monkeypatch.setattr(ProductSitemap, "limit", 4)  # two products a page, in two languages
    products = ProductFactory.create_batch(5)
    index = client.get("/sitemap.xml").text
    pages = re.findall(r"<loc>http://testserver(/sitemap-products\.xml[^<]*)</loc>", index)
    assert len(pages) == 3
    seen = []
    query_counts = []
    for page in pages:
        with CaptureQueriesContext(connection) as captured:
            xml = client.get(page.replace("&amp;", "&")).text
        query_counts.append(len(captured))
        locs = re.findall(r"<loc>http://testserver(/[^<]*)</loc>", xml)
        assert len(locs) <= 4
        seen += locs
    assert {p.get_absolute_url() for p in products} <= set(seen)
    assert len(set(query_counts)) == 1  # the same work for every page


def test_the_order_lists_years_come_from_the_first_and_last_order(staff_client):
    """Not Django's DISTINCT over every order's date: MIN and MAX of the indexed column."""
    for year in (2023, 2025):
        OrderFactory.create(created_at=timezone.make_aware(datetime(year, 3, 5, 12)))
    with CaptureQueriesContext(connection) as captured:
        text = staff_client.get(CHANGELIST).text
    assert not [q for q in captured if "DISTINCT" in q["sql"].upper()]
    for year in (2023, 2024, 2025):
        assert f"created_at__year={year}" in text
    within = staff_client.get(CHANGELIST, {"created_at__year": "2025"}).text
    assert "created_at__month=3" in within and "created_at__month=4" not in within


@pytest.mark.parametrize(
    "query",
    [{}, {"status__exact": "placed"}, {"q": "buyer"}, {"q": "SS-"}, {"p": "2"}],
    ids=["default", "filtered", "e-mail", "number", "page 2"],
)
def test_the_order_list_takes_as_many_queries_at_any_size(staff_client, query):
    """Query budget: the same queries for 150 orders as for 300 (at 1M the count is estimated,
    test_the_order_list_never_counts_every_order)."""
    counts = []
    for n in (150, 150):
        for order in OrderFactory.create_batch(n, status="placed", payment_method="cod"):
            OrderLine.objects.create(
                order=order, product_name="Lamp", sku="L-1", unit_price=Decimal("1"), quantity=1
            )
        staff_client.get(CHANGELIST, query)
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(CHANGELIST, query).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
