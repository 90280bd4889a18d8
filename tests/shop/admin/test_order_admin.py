import pytest
from django.test import Client
from django.urls import reverse

from shop.models import Order, OrderStatus
from tests.shop.conftest import cart_add, checkout
from tests.support.two_factor import otp_login
from tests.test_admin_permissions import run_action, staff_with

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


def test_a_cash_on_delivery_day_in_the_admin_steps_the_order_and_records_who(
    staff_client, staff_user, order
):
    # Which steps the table allows is test_order_steps.py's; what the shopper reads at each
    # is test_order_pages.py's. Here: each action reaches its step, says so, names the staff.
    for action, status in [
        ("mark_confirm", "confirmed"),
        ("mark_ship", "shipped"),
        ("mark_deliver", "delivered"),
    ]:
        response = act(staff_client, action, order)
        assert "1 order(s) marked" in response.text
        order.refresh_from_db()
        assert order.status == status
    response = act(staff_client, "record_cash", order)
    assert "Cash recorded for 1 order(s)." in response.text
    order.refresh_from_db()
    assert (order.status, order.charge_status) == ("delivered", "paid")
    assert order.events.filter(actor=staff_user).count() == 4
    page = staff_client.get(reverse("admin:shop_order_change", args=[order.pk]))
    assert "event log" in page.text.lower()
    assert order.lines.get().product_name in page.text


def test_a_pickup_day_confirm_ready_collected_record_cash(client, staff_client, product):
    cart_add(client, product, 1)
    checkout(client, payment="cod", shipping="pickup")
    order = Order.objects.get()
    for action in ("mark_confirm", "mark_ready_for_pickup", "mark_collect", "record_cash"):
        act(staff_client, action, order)
    order.refresh_from_db()
    assert (order.status, order.charge_status) == ("collected", "paid")


def test_recording_cash_needs_its_own_permission(order):
    clerk = staff_with("view_order", "change_order")
    url = reverse("admin:shop_order_changelist")
    assert 'value="record_cash"' not in clerk.get(url).text
    run_action(clerk, url, "mark_confirm", order)
    run_action(clerk, url, "record_cash", order)
    order.refresh_from_db()
    assert (order.status, order.charge_status) == ("confirmed", "unpaid")
    cashier = staff_with("view_order", "record_cash_order")
    assert "Cash recorded for 1 order(s)." in run_action(cashier, url, "record_cash", order).text


def test_an_illegal_admin_action_is_refused_with_a_message(staff_client, order):
    response = act(staff_client, "mark_ship", order)
    assert "is Placed (Not paid): “Ship” is not possible now." in response.text
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_cancelling_cash_received_needs_the_refund_permission_and_leaves_it_due_back(
    order, product
):
    url = reverse("admin:shop_order_changelist")
    cashier = staff_with("view_order", "change_order", "record_cash_order")
    run_action(cashier, url, "mark_confirm", order)
    run_action(cashier, url, "record_cash", order)  # paid in advance
    page = run_action(cashier, url, "mark_cancelled", order)
    assert "needs the permission to refund orders" in page.text
    order.refresh_from_db()
    assert (order.status, order.charge_status) == ("confirmed", "paid")

    boss = staff_with("view_order", "change_order", "refund_order")
    page = run_action(boss, url, "mark_cancelled", order)
    assert "its cash is due back to the shopper" in page.text
    order.refresh_from_db()
    product.refresh_from_db()
    assert (order.status, order.charge_status, product.stock) == ("cancelled", "refund_due", 10)
    page = run_action(boss, url, "refund", order)
    assert "the payment due back was refunded" in page.text
    order.refresh_from_db()
    assert order.charge_status == "refunded"


def test_cancel_from_admin_returns_stock(staff_client, order, product):
    product.refresh_from_db()
    assert product.stock == 7
    assert "1 order(s) cancelled." in act(staff_client, "mark_cancelled", order).text
    product.refresh_from_db()
    assert product.stock == 10


def test_staff_filter_and_search_orders(staff_client, order, client, product):
    cart_add(client, product, 1)
    checkout(client, payment="demo", address=None)
    url = reverse("admin:shop_order_changelist")

    def listed(**params):
        return [o.number for o in staff_client.get(url, params).context["cl"].result_list]

    assert listed(payment_method="cod") == [order.number]
    assert len(listed(charge_status="unpaid")) == 2
    assert listed(status="placed") == [order.number]
    assert listed(q=order.number) == [order.number]
    assert len(listed(q="guest@example.com")) == 2


def test_order_money_fields_are_read_only_in_admin(staff_client, order):
    page = staff_client.get(reverse("admin:shop_order_change", args=[order.pk]))
    assert 'name="total"' not in page.text
    assert 'name="status"' not in page.text
    assert staff_client.get(reverse("admin:shop_order_add")).status_code == 403
