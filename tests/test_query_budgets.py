"""Query budgets: each page takes the same number of queries with 10 or with 1000 products,
lines, posts or orders (no N+1). The catalogue and product pages have their own budget test in
tests/shop/catalogue/test_catalogue.py."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import Post, PostStatus
from shop.models import Order, OrderLine, Product
from tests.accounts.factories import UserFactory
from tests.shop.conftest import ADDRESS
from tests.shop.factories import CategoryFactory

pytestmark = pytest.mark.django_db

SIZES = (10, 1000)


def queries(client: Client, url: str) -> int:
    client.get(url)  # one-off work (messages shown, caches filled) is not the budget
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def products(n: int, start: int = 0) -> list[Product]:
    category = CategoryFactory.create()
    return Product.objects.bulk_create(
        Product(
            category=category,
            name=f"Budget product {i}",
            slug=f"budget-{i}",
            sku=f"BUD-{i:05}",
            price=Decimal("2.50"),
            stock=5000,
        )
        for i in range(start, start + n)
    )


def orders(n: int, *, prefix: str, payment_method: str) -> None:
    """`n` guest orders waiting for payment, numbered SS-2026-<prefix><n><i>."""
    Order.objects.bulk_create(
        Order(
            number=f"SS-2026-{prefix}{n:02}{i:04}",
            shipping_method="standard",
            shipping_price=Decimal("4.99"),
            subtotal=Decimal("2.50"),
            total=Decimal("7.49"),
            currency="USD",
            payment_method=payment_method,
            **ADDRESS,
        )
        for i in range(n)
    )


def cart_with(client: Client, items: list[Product]) -> None:
    session = client.session
    session["cart"] = {str(p.pk): 1 for p in items}
    session.save()


@pytest.fixture
def shopper() -> Client:
    client = Client()
    client.force_login(UserFactory.create())
    return client


def test_cart_and_checkout_review(shopper):
    counts = []
    offset = 0
    for size in SIZES:
        cart_with(shopper, products(size, start=offset))
        offset += size
        shopper.post(reverse("shop:checkout"), ADDRESS)
        shopper.post(reverse("shop:checkout_shipping"), {"method": "standard"})
        counts.append(
            (
                queries(shopper, "/cart/"),
                queries(shopper, "/cart/clear/"),
                queries(shopper, "/checkout/delivery/"),
                queries(shopper, "/checkout/review/"),
            )
        )
    assert counts[0] == counts[1], counts
    cart, clear, delivery, review = counts[0]
    assert cart <= 4 and clear <= 2 and delivery <= 3 and review <= 4


def test_order_detail_and_my_orders(shopper):
    user = shopper.session["_auth_user_id"]
    counts = []
    offset = 0
    for size in SIZES:
        order = Order.objects.create(
            user_id=user,
            shipping_method="standard",
            shipping_price=Decimal("99.00"),
            subtotal=Decimal("2.50") * size,
            total=Decimal("2.50") * size + Decimal("99.00"),
            currency="UAH",
            payment_method="demo",
            **ADDRESS,
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                product=p,
                product_name=p.name,
                sku=p.sku,
                unit_price=p.price,
                quantity=1,
            )
            for p in products(size, start=offset)
        )
        offset += size
        counts.append((queries(shopper, order.get_absolute_url()), queries(shopper, "/orders/")))
    assert counts[0] == counts[1], counts
    detail, my_orders = counts[0]
    assert detail <= 5 and my_orders <= 4


def test_blog_list_and_post(client):
    counts = []
    made = 0
    for size in SIZES:
        now = timezone.now()
        Post.objects.bulk_create(
            Post(
                title=f"Post {i}",
                slug=f"budget-post-{i}",
                excerpt="About the shop.",
                body_markdown="Hello",
                body_html="<p>Hello</p>",
                status=PostStatus.PUBLISHED,
                publish_at=now - timedelta(minutes=i + 1),
            )
            for i in range(made, size)
        )
        made = size
        post = Post.objects.latest("publish_at")
        counts.append((queries(client, "/blog/"), queries(client, post.get_absolute_url())))
    assert counts[0] == counts[1], counts
    blog_list, post_page = counts[0]
    assert blog_list <= 4 and post_page <= 4


def test_find_my_order(client, django_capture_on_commit_callbacks):
    """The form, and asking for a link: the same whether 10 or 1000 orders exist."""
    counts = []
    for size in SIZES:
        orders(size, prefix="B", payment_method="cod")
        number = Order.objects.order_by("-pk").values_list("number", flat=True).first()
        asked = {"number": number, "email": ADDRESS["email"]}
        with (
            CaptureQueriesContext(connection) as captured,
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert client.post(reverse("shop:order_find"), asked).status_code == 302
        asking = len(captured)
        counts.append((queries(client, reverse("shop:order_find")), asking))
    assert counts[0] == counts[1], counts
    form, ask = counts[0]
    # A guest without a session asks: the task (immediate backend) reads the order, its lines
    # and payments; the request itself reads nothing.
    assert form <= 1 and ask <= 3


def test_admin_dashboard(staff_client, django_assert_max_num_queries):
    url = reverse("admin:shop_order_dashboard")
    counts = []
    made = 0
    for size in SIZES:
        category = products(size, start=made)[0].category
        Product.objects.filter(category=category).update(stock=2)  # all running low
        orders(size, prefix="D", payment_method="demo")
        made += size
        counts.append(queries(staff_client, url))
    assert counts[0] == counts[1], counts
    # Session, user, OTP device, then the dashboard: today, the to-do counts, four to-do lists,
    # payments to review and refund (list, count), unresolved discrepancies, products running
    # low (list, count).
    with django_assert_max_num_queries(14):
        assert staff_client.get(url).status_code == 200


def test_catalogue_search_with_and_without_results(client):
    """Cold (nothing cached): a search that finds products, one that finds nothing (its
    suggestions: closest matches and popular products) and one inside a category."""
    from django.core.cache import cache

    def cold(url: str, query: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"q": query})
        assert response.status_code == 200
        return len(captured)

    counts = []
    offset = 0
    for size in SIZES:
        made = products(size, start=offset)
        offset += size
        category_url = made[0].category.get_absolute_url()
        counts.append(
            (
                cold("/", "budget product"),
                cold("/", "zzqx"),
                cold("/", "budgte"),  # a typo: found on PostgreSQL, suggestions on SQLite
                cold(category_url, "budget"),
            )
        )
    assert counts[0] == counts[1], counts
    found, nothing, typo, in_category = counts[0]
    assert found <= 4 and in_category <= 4
    # Suggestions: closest matches, the best sellers' tally (cached for an hour after), the
    # newest products' ids and popular products; on PostgreSQL in a transaction (as a
    # test's) two more, the closest matches' similarity threshold set and put back (one,
    # set, outside one: `shop.catalogue.search.loosely`).
    assert nothing == found + (6 if connection.vendor == "postgresql" else 4)
    assert typo in (found, nothing)
