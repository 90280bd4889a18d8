import pytest
from django.test import Client
from django.urls import reverse

from shop.models import Order, OrderStatus
from tests.shop.conftest import cart_add, checkout
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(staff_user) -> Client:
    client = Client()
    otp_login(client, staff_user)
    return client


@pytest.fixture
def order(client, product):
    cart_add(client, product, 3)
    checkout(client, payment="cod")
    return Order.objects.get()


def act(staff_client, action, *orders):
    return staff_client.post(
        reverse("admin:shop_order_changelist"),
        {"action": action, "_selected_action": [o.pk for o in orders]},
        follow=True,
    )


def test_staff_move_an_order_through_the_pipeline_with_the_event_log(
    staff_client, staff_user, order
):
    for action, status in [
        ("mark_paid", "paid"),
        ("mark_shipped", "shipped"),
        ("mark_delivered", "delivered"),
    ]:
        response = act(staff_client, action, order)
        assert "1 order(s) marked" in response.text
        order.refresh_from_db()
        assert order.status == status
    assert order.events.filter(actor=staff_user).count() == 3
    page = staff_client.get(reverse("admin:shop_order_change", args=[order.pk]))
    assert "event log" in page.text.lower()
    assert order.lines.get().product_name in page.text


def test_an_illegal_admin_action_is_refused_with_a_message(staff_client, order):
    response = act(staff_client, "mark_shipped", order)
    assert "cannot become Shipped" in response.text
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_cancel_from_admin_returns_stock(staff_client, order, product):
    product.refresh_from_db()
    assert product.stock == 7
    act(staff_client, "mark_cancelled", order)
    product.refresh_from_db()
    assert product.stock == 10


def test_staff_filter_and_search_orders(staff_client, order, client, product):
    cart_add(client, product, 1)
    checkout(client, payment="demo", address=None)
    url = reverse("admin:shop_order_changelist")

    def listed(**params):
        return [o.number for o in staff_client.get(url, params).context["cl"].result_list]

    assert listed(payment_method="cod") == [order.number]
    assert listed(status="pending_payment").__len__() == 2
    assert listed(q=order.number) == [order.number]
    assert len(listed(q="guest@example.com")) == 2


def test_order_money_fields_are_read_only_in_admin(staff_client, order):
    page = staff_client.get(reverse("admin:shop_order_change", args=[order.pk]))
    assert 'name="total"' not in page.text
    assert 'name="status"' not in page.text
    assert staff_client.get(reverse("admin:shop_order_add")).status_code == 403
