"""The admin in words staff use: the order list shows who, how much (with its currency), where
the order is and when, with labels instead of codes; and a small dashboard says what needs
doing today."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.models import OrderStatus
from tests.accounts.factories import UserFactory
from tests.shop.factories import OrderFactory, PaymentFactory, ProductFactory
from tests.test_admin_permissions import staff_with

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:shop_order_changelist")
DASHBOARD = reverse("admin:shop_order_dashboard")


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_order_list_shows_number_customer_total_status_and_date(staff_client):
    order = OrderFactory(
        cod=True,
        full_name="Oleksandra Kovalenko",
        email="oleksandra@example.com",
        subtotal=Decimal("1135.56"),  # + 99.00 shipping
        currency="UAH",
    )
    response = staff_client.get(CHANGELIST)
    table = response.text.split('id="result_list"', 1)[1].split("</thead>", 1)[0]
    headers = re.findall(r'<th scope="col"[^>]*>.*?<a [^>]*>([^<]+)</a>', table, re.S)
    assert [h.strip() for h in headers] == ["Number", "Placed", "Customer", "Status", "Total"]
    row = text(response.text.split(f">{order.number}<", 1)[1].split("</tr>", 1)[0])
    assert "Oleksandra Kovalenko oleksandra@example.com" in row
    assert "Pending payment Cash on delivery" in row
    assert "₴1,234.56" in row  # the total with its currency, formatted


def test_codes_never_reach_staff_as_labels(staff_client):
    order = OrderFactory(cod=True, shipping_method="pickup", shipping_price=Decimal("0.00"))
    PaymentFactory(order=order)
    filters = text(staff_client.get(CHANGELIST).text.split('id="changelist-filter"', 1)[1])
    for label in ("Cash on delivery", "Demo card gateway", "Pick up at our store"):
        assert label in filters
    assert re.search(r"\b(cod|pickup|demo)\b", filters) is None

    form = text(staff_client.get(reverse("admin:shop_order_change", args=[order.pk])).text)
    assert "Payment method: Cash on delivery" in form
    assert "Shipping method: Pick up at our store" in form
    assert re.search(r"\b(cod|pickup)\b", form) is None


def test_the_payment_and_delivery_filters_still_filter(staff_client):
    cod = OrderFactory(cod=True, shipping_method="pickup")
    card = OrderFactory()

    def listed(**params) -> list[str]:
        return [o.number for o in staff_client.get(CHANGELIST, params).context["cl"].result_list]

    assert listed(payment_method="cod") == [cod.number]
    assert listed(payment_method="demo") == [card.number]
    assert listed(shipping_method="pickup") == [cod.number]


def test_the_dashboard_is_linked_from_the_admin_index(staff_client):
    assert f'href="{DASHBOARD}"' in staff_client.get(reverse("admin:index")).text


def test_the_dashboard_says_what_happened_today_and_what_needs_doing(staff_client):
    yesterday = timezone.now() - timedelta(days=1, hours=1)
    OrderFactory(subtotal=Decimal("1901.00"), status=OrderStatus.PAID)  # + 99.00 shipping
    OrderFactory(cod=True, subtotal=Decimal("901.00"))  # pending, cash: 1 000.00
    OrderFactory(subtotal=Decimal("4901.00"), status=OrderStatus.CANCELLED)  # not counted
    OrderFactory(subtotal=Decimal("10000"), created_at=yesterday)  # another day, pending
    ProductFactory(name="Burr Grinder", stock=2)
    ProductFactory(name="Glass Teapot", stock=0)
    ProductFactory(name="Enamel Mug", stock=70)
    ProductFactory(name="Hidden Lamp", stock=1, is_active=False)

    page = staff_client.get(DASHBOARD)
    assert page.status_code == 200
    today = text(page.text.split('data-testid="dashboard-today"', 1)[1].split("</div>", 1)[0])
    assert "3 ₴3,000.00" in today  # three placed today; the cancelled one is not counted in value
    pending = page.text.split('data-testid="dashboard-pending"', 1)[1].split("</div>", 1)[0]
    assert "2 orders waiting for payment" in text(pending)
    assert "Cash on delivery" in text(pending)
    low = page.text.split('data-testid="dashboard-low-stock"', 1)[1].split("</div>", 1)[0]
    assert "2 products running low" in text(low)
    names = re.findall(r'<a href="/admin/shop/product/\d+/change/">([^<]+)</a>', low)
    assert names == ["Glass Teapot", "Burr Grinder"]  # fewest first; inactive ones left out


def test_the_dashboard_needs_the_permission_to_view_orders(db):
    assert staff_with("view_order").get(DASHBOARD).status_code == 200
    assert staff_with("view_product").get(DASHBOARD).status_code == 403
    shopper = Client()
    shopper.force_login(UserFactory())
    assert shopper.get(DASHBOARD).url.startswith(reverse("admin:login"))
    assert f'href="{DASHBOARD}"' not in staff_with("view_product").get(reverse("admin:index")).text
