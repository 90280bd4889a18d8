"""Query budgets: each page takes the same number of queries with 10 or with 1000 products,
lines or posts (no N+1). The catalogue and product pages have their own budget test in
tests/shop/test_catalogue.py."""

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
        counts.append((queries(shopper, "/cart/"), queries(shopper, "/checkout/review/")))
    assert counts[0] == counts[1], counts
    cart, review = counts[0]
    assert cart <= 4 and review <= 4


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
        post = Post.objects.order_by("-publish_at").first()
        counts.append((queries(client, "/blog/"), queries(client, post.get_absolute_url())))
    assert counts[0] == counts[1], counts
    blog_list, post_page = counts[0]
    assert blog_list <= 4 and post_page <= 4
