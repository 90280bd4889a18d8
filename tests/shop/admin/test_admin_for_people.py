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

from shop.models import ChargeStatus, OrderStatus, PaymentStatus
from tests.accounts.factories import UserFactory
from tests.shop.factories import OrderFactory, PaymentFactory, ProductFactory
from tests.test_admin_permissions import staff_with

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:shop_order_changelist")
DASHBOARD = reverse("admin:shop_order_dashboard")


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_order_list_shows_number_customer_total_status_and_date(staff_client):
    order = OrderFactory.create(
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
    assert "Placed · Not paid Cash on delivery" in row
    assert "₴1,234.56" in row  # the total with its currency, formatted


def test_codes_never_reach_staff_as_labels(staff_client):
    order = OrderFactory.create(cod=True, shipping_method="pickup", shipping_price=Decimal("0.00"))
    PaymentFactory.create(order=order)
    filters = text(staff_client.get(CHANGELIST).text.split('id="changelist-filter"', 1)[1])
    for label in ("Cash on delivery", "Demo card gateway", "Pick up at our store"):
        assert label in filters
    # "Ready for pickup" is a status's label; the shipping code alone is not.
    assert re.search(r"\b(cod|demo)\b|(?<!for )\bpickup\b", filters) is None

    form = text(staff_client.get(reverse("admin:shop_order_change", args=[order.pk])).text)
    assert "Payment method: Cash on delivery" in form
    assert "Shipping method: Pick up at our store" in form
    assert re.search(r"\b(cod|pickup)\b", form) is None


def test_the_payment_and_delivery_filters_still_filter(staff_client):
    cod = OrderFactory.create(cod=True, shipping_method="pickup")
    card = OrderFactory.create()

    def listed(**params) -> list[str]:
        return [o.number for o in staff_client.get(CHANGELIST, params).context["cl"].result_list]

    assert listed(payment_method="cod") == [cod.number]
    assert listed(payment_method="demo") == [card.number]
    assert listed(shipping_method="pickup") == [cod.number]


def test_the_dashboard_is_linked_from_the_admin_index(staff_client):
    assert f'href="{DASHBOARD}"' in staff_client.get(reverse("admin:index")).text


def part(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"', 1)[1].split("</div>", 1)[0]


def test_the_dashboard_says_what_happened_today_and_what_needs_doing(staff_client):
    yesterday = timezone.now() - timedelta(days=1, hours=1)
    paid = OrderFactory.create(subtotal=Decimal("1901.00"), paid=True)  # + 99.00 shipping
    cash = OrderFactory.create(cod=True, subtotal=Decimal("901.00"))  # placed, cash: 1 000.00
    OrderFactory.create(subtotal=Decimal("4901.00"), status=OrderStatus.CANCELLED)  # not counted
    card = OrderFactory.create(subtotal=Decimal("10000"), created_at=yesterday)  # another day
    handed = OrderFactory.create(cod=True, status=OrderStatus.DELIVERED)  # its cash not recorded
    due = PaymentFactory.create(
        order=OrderFactory.create(
            status=OrderStatus.CANCELLED, charge_status=ChargeStatus.REFUND_DUE
        ),
        status=PaymentStatus.REFUND_DUE,
        failure_reason="Received, but the order was already cancelled: refund it",
    )
    ProductFactory.create(name="Burr Grinder", stock=2)
    ProductFactory.create(name="Glass Teapot", stock=0)
    ProductFactory.create(name="Enamel Mug", stock=70)
    ProductFactory.create(name="Hidden Lamp", stock=1, is_active=False)

    html = staff_client.get(DASHBOARD).text
    # 2 000 + 1 000 + 118.99 (the delivered one); the cancelled ones are not in the value.
    assert "5 ₴3,118.99" in text(part(html, "dashboard-today"))
    # Only the card order waits for a payment; the cash orders are work for staff.
    awaiting = part(html, "dashboard-pending")
    assert "Waiting for the shopper's card payment: 1" in text(awaiting)
    assert card.number in awaiting and cash.number not in awaiting
    assert cash.number in part(html, "dashboard-to-confirm")
    assert paid.number in part(html, "dashboard-to-send")
    assert handed.number in part(html, "dashboard-cash")
    attention = text(part(html, "dashboard-attention"))
    assert "1 payment to review and refund" in attention
    assert due.order.number in attention and "already cancelled" in attention
    low = part(html, "dashboard-low-stock")
    assert "2 products running low" in text(low)
    names = re.findall(r'<a href="/admin/shop/product/\d+/change/">([^<]+)</a>', low)
    assert names == ["Glass Teapot", "Burr Grinder"]  # fewest first; inactive ones left out


def test_each_part_of_the_dashboard_needs_its_permission(db):
    OrderFactory.create(cod=True)
    ProductFactory.create(name="Burr Grinder", stock=2)
    orders_only = staff_with("view_order").get(DASHBOARD)
    assert orders_only.status_code == 200
    assert 'data-testid="dashboard-pending"' in orders_only.text
    assert "Burr Grinder" not in orders_only.text
    assert 'data-testid="dashboard-low-stock"' not in orders_only.text
    for codename in ("view_product", "change_product"):
        stock_only = staff_with(codename).get(DASHBOARD)
        assert stock_only.status_code == 200
        assert "Burr Grinder" in stock_only.text
        assert 'data-testid="dashboard-pending"' not in stock_only.text
        assert "admin/shop/order/" not in stock_only.text.split('id="content-main"', 1)[1]
    assert staff_with("view_post").get(DASHBOARD).status_code == 403
    shopper = Client()
    shopper.force_login(UserFactory.create())
    assert shopper.get(DASHBOARD)["Location"].startswith(reverse("admin:login"))
    assert f'href="{DASHBOARD}"' in staff_with("view_product").get(reverse("admin:index")).text
    assert f'href="{DASHBOARD}"' not in staff_with("view_post").get(reverse("admin:index")).text
