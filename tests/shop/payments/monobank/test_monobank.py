"""Paying through monobank acquiring, against the local stand-in (tests/support/monobank_server.py):
the invoice is exactly the order, one invoice per attempt, only callbacks signed with monobank's
published key count, each once and in order, money counts only when it is ours and exact, and
refunds go back through monobank once."""

import base64
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.checks import monobank_unusable
from shop.models import ChargeStatus, Order, OrderStatus, PaymentStatus, Product, WebhookEvent
from shop.payments.config import payment_methods_check
from shop.payments.providers import provider_get
from shop.payments.reconciliation import payments_reconcile
from shop.payments.refunds import order_refund
from tests.accounts.factories import UserFactory
from tests.shop.conftest import cart_add, checkout
from tests.support.monobank_server import x_sign
from tests.support.process import free_port
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/monobank/webhook/"
CREATE = "/api/merchant/invoice/create"


def place(client, standin, product, quantity=1):
    """Checkout paying with monobank; returns (order, payment, invoice at the stand-in)."""
    cart_add(client, product, quantity)
    response = checkout(client, payment="monobank")
    assert response.status_code == 303, response.content
    order = Order.objects.latest("pk")
    payment = order.payments.latest("pk")
    assert response.url == f"{standin.url}/pay/{payment.external_id}"
    return order, payment, standin.invoices[payment.external_id]


def deliver(client, state: dict | bytes, *, sign=True, key=None, header=None):
    body = state if isinstance(state, bytes) else json.dumps(state).encode()
    headers = {}
    if header is not None:
        headers["X-Sign"] = header
    elif sign:
        headers["X-Sign"] = x_sign(body, key)
    return client.post(WEBHOOK, data=body, content_type="application/json", headers=headers)


def state_of(order):
    order.refresh_from_db()
    payment = order.payments.order_by("pk").first()
    stock = Product.objects.get(pk=order.lines.first().product_id).stock
    return order.status, payment.status, stock


def test_the_invoice_is_the_order_in_kopiykas_with_our_attempts_reference(
    client, monobank_standin, product
):
    product.price = Decimal("1249.50")
    product.save()
    order, payment, invoice = place(client, monobank_standin, product, 2)
    (request,) = monobank_standin.created(CREATE)
    assert request.headers["x-token"] == monobank_standin.token
    body = request.body
    assert body["amount"] == int(order.total * 100) == invoice["amount"]
    assert Decimal(body["amount"]) / 100 == payment.amount == order.total
    assert body["ccy"] == 980 and payment.currency == "UAH"
    assert body["merchantPaymInfo"]["reference"] == payment.reference
    lines = body["merchantPaymInfo"]["basketOrder"]
    assert lines[0] == {
        "name": "Cast Iron Skillet",
        "qty": 2,
        "sum": 124950,
        "code": lines[0]["code"],
    }
    assert sum(i["sum"] * i["qty"] for i in lines) == body["amount"]
    assert body["webHookUrl"] == f"http://testserver{WEBHOOK}"
    assert body["redirectUrl"] == f"http://testserver/orders/{order.number}/paying/"
    assert body["paymentType"] == "debit"
    assert payment.page_url == f"{monobank_standin.url}/pay/{payment.external_id}"
    assert state_of(order) == (OrderStatus.PENDING_PAYMENT, PaymentStatus.STARTED, 8)


def test_pay_again_reuses_the_open_invoice_and_makes_a_new_one_after_a_failure(
    client, monobank_standin, product
):
    order, payment, _invoice = place(client, monobank_standin, product)
    again = client.post(reverse("shop:order_pay", args=[order.number]))
    assert again.status_code == 303
    assert again.url == payment.page_url
    assert len(monobank_standin.invoices) == 1 and order.payments.count() == 1

    declined = monobank_standin.set_status(payment.external_id, "failure", failureReason="x")
    assert deliver(client, declined).json()["outcome"] == "payment failed"
    third = client.post(reverse("shop:order_pay", args=[order.number]))
    assert len(monobank_standin.invoices) == 2 and order.payments.count() == 2
    assert third.url == order.payments.latest("pk").page_url != payment.page_url


def test_a_signed_success_pays_the_order_once(
    client, monobank_standin, product, mailoutbox, django_capture_on_commit_callbacks
):
    order, payment, _invoice = place(client, monobank_standin, product, 3)
    paid = monobank_standin.pay(payment.external_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, paid)
    assert response.status_code == 200
    assert response.json() == {"received": True, "outcome": "paid"}
    assert state_of(order) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED, 7)
    payment.refresh_from_db()
    assert payment.transaction_id == payment.external_id
    # The same callback again (monobank retries, or someone replays a captured one).
    with django_capture_on_commit_callbacks(execute=True):
        replay = deliver(client, paid)
    assert replay.json()["outcome"] == "replay: handled before"
    assert order.events.filter(to_charge=ChargeStatus.PAID).count() == 1
    assert len(mailoutbox) == 1
    assert WebhookEvent.objects.filter(provider="monobank").count() == 1


def test_only_callbacks_signed_with_monobanks_published_key_count(
    client, monobank_standin, product
):
    order, payment, _invoice = place(client, monobank_standin, product)
    paid = monobank_standin.pay(payment.external_id)
    body = json.dumps(paid).encode()
    someone_else = ec.generate_private_key(ec.SECP256R1())
    good = x_sign(body)
    cases = {
        "no X-Sign header": deliver(client, body, sign=False),
        "X-Sign is not base64": deliver(client, body, header="not base64!"),
        "signature does not match monobank's key": deliver(client, body, key=someone_else),
    }
    tampered = body.replace(str(paid["amount"]).encode(), b"1")
    cases["tampered body"] = deliver(client, tampered, header=good)
    cases["signature of another body"] = deliver(
        client, body, header=base64.b64encode(b"\x30\x06\x02\x01\x01\x02\x01\x01").decode()
    )
    for case, response in cases.items():
        assert response.status_code == 400, case
        assert response.json()["received"] is False, case
    assert cases["no X-Sign header"].json()["outcome"] == "refused: no X-Sign header"
    assert state_of(order) == (OrderStatus.PENDING_PAYMENT, PaymentStatus.STARTED, 9)
    assert not WebhookEvent.objects.exists()
    assert deliver(client, body, header=good).json()["outcome"] == "paid"


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"invoiceId": "1"}', b'{"status": 1}'])
def test_a_signed_body_that_is_not_an_invoice_state_is_a_400(client, monobank_standin, body):
    assert deliver(client, body).status_code == 400


def test_the_callback_needs_no_csrf_token_and_only_takes_post(client, monobank_standin, product):
    _order, payment, _invoice = place(client, monobank_standin, product)
    paid = monobank_standin.pay(payment.external_id)
    assert deliver(Client(enforce_csrf_checks=True), paid).status_code == 200
    assert client.get(WEBHOOK).status_code == 405


def test_without_a_token_the_callback_is_not_there(client, settings):
    settings.MONOBANK_TOKEN = ""
    assert deliver(client, {"invoiceId": "1", "status": "success"}).status_code == 404


@pytest.mark.parametrize(
    ("amount", "ccy"), [(1, None), ("more", None), (None, 840)], ids=["less", "more", "USD"]
)
def test_a_wrong_amount_or_currency_never_pays_the_order(
    client, monobank_standin, product, amount, ccy
):
    order, payment, invoice = place(client, monobank_standin, product)
    paid_amount = invoice["amount"] + 1 if amount == "more" else amount
    paid = monobank_standin.pay(payment.external_id, amount=paid_amount, ccy=ccy)
    outcome = deliver(client, paid).json()["outcome"]
    assert outcome.startswith("refund due:"), outcome
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.charge_status == ChargeStatus.REFUND_DUE
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUND_DUE


def test_a_callback_without_the_amount_has_it_read_from_the_status_api(
    client, monobank_standin, product
):
    order, payment, _invoice = place(client, monobank_standin, product)
    paid = monobank_standin.pay(payment.external_id)
    trimmed = {k: v for k, v in paid.items() if k not in ("amount", "finalAmount", "ccy")}
    assert deliver(client, trimmed).json()["outcome"] == "paid"
    statuses = monobank_standin.created("/api/merchant/invoice/status")
    assert [r.body for r in statuses] == [{"invoiceId": payment.external_id}]
    assert state_of(order)[:2] == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED)


def test_the_status_api_out_of_reach_is_a_503_and_the_retry_pays(client, monobank_standin, product):
    order, payment, _invoice = place(client, monobank_standin, product)
    paid = monobank_standin.pay(payment.external_id)
    trimmed = {k: v for k, v in paid.items() if k not in ("amount", "finalAmount")}
    monobank_standin.fail_with = 500
    assert deliver(client, trimmed).status_code == 503
    assert state_of(order)[:2] == (OrderStatus.PENDING_PAYMENT, PaymentStatus.STARTED)
    monobank_standin.fail_with = None
    assert deliver(client, trimmed).json()["outcome"] == "paid"


def test_an_invoice_the_shop_did_not_create_never_pays_an_order(client, monobank_standin, product):
    order, payment, invoice = place(client, monobank_standin, product)
    # Unknown altogether.
    stranger = monobank_standin.foreign_invoice(reference="somebody-else", amount=invoice["amount"])
    answer = deliver(client, monobank_standin.pay(stranger)).json()
    assert answer["outcome"] == "about an invoice the shop does not know"
    # Made by hand in the merchant's account with our attempt's reference and the exact amount.
    copycat = monobank_standin.foreign_invoice(
        reference=payment.reference, amount=invoice["amount"]
    )
    outcome = deliver(client, monobank_standin.pay(copycat)).json()["outcome"]
    assert outcome.startswith("refund due:"), outcome
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.charge_status == ChargeStatus.REFUND_DUE
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.STARTED
    assert order.payments.get(external_id=copycat).status == PaymentStatus.REFUND_DUE


def test_older_news_arriving_late_never_moves_the_state_back(client, monobank_standin, product):
    order, payment, _invoice = place(client, monobank_standin, product)
    processing = monobank_standin.set_status(payment.external_id, "processing")
    paid = monobank_standin.pay(payment.external_id)
    assert deliver(client, paid).json()["outcome"] == "paid"
    late = deliver(client, processing).json()["outcome"]
    assert late == "stale: older than the state the shop has"
    assert state_of(order)[:2] == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED)


def test_an_older_decline_arriving_after_the_expiry_changes_nothing(
    client, monobank_standin, product
):
    _order, payment, _invoice = place(client, monobank_standin, product)
    failed = monobank_standin.set_status(payment.external_id, "failure")
    expired = monobank_standin.set_status(payment.external_id, "expired")
    assert deliver(client, expired).json()["outcome"] == "payment failed"
    assert deliver(client, failed).json()["outcome"].startswith("stale")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_reason == "The monobank invoice expired unpaid"


def test_staff_refund_goes_back_through_monobank_once(
    client, monobank_standin, product, staff_user
):
    order, payment, _invoice = place(client, monobank_standin, product, 2)
    paid = monobank_standin.pay(payment.external_id)
    assert deliver(client, paid).json()["outcome"] == "paid"

    assert order_refund(order=order, actor=staff_user) == "order"
    cancels = monobank_standin.created("/api/merchant/invoice/cancel")
    assert [r.body for r in cancels] == [
        {
            "invoiceId": payment.external_id,
            "extRef": f"refund-{payment.reference}",
            "amount": int(order.total * 100),
        }
    ]
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (OrderStatus.CANCELLED, ChargeStatus.REFUNDED)
    assert Product.objects.get(pk=product.pk).stock == 10
    # Asked again (a second click, a retry): nothing more goes back.
    assert order_refund(order=order, actor=staff_user) == "before"
    provider_get("monobank").refund(payment)
    assert len(monobank_standin.created("/api/merchant/invoice/cancel")) == 1
    # monobank's own callback about the reversal finds it done.
    reversed_ = monobank_standin.public(payment.external_id)
    assert reversed_["status"] == "reversed"
    assert deliver(client, reversed_).json()["outcome"] == "already refunded"


def test_a_reversal_made_in_monobanks_cabinet_refunds_the_order(client, monobank_standin, product):
    order, payment, _invoice = place(client, monobank_standin, product)
    deliver(client, monobank_standin.pay(payment.external_id))
    reversed_ = monobank_standin.set_status(payment.external_id, "reversed")
    assert deliver(client, reversed_).json()["outcome"] == "refunded"
    order.refresh_from_db()
    assert order.charge_status == ChargeStatus.REFUNDED


def test_reconciliation_finds_money_monobank_has_that_the_shop_never_heard_of(
    client, monobank_standin, product
):
    _order, payment, _invoice = place(client, monobank_standin, product)
    monobank_standin.pay(payment.external_id)  # the callback never came
    later = timezone.now() + timedelta(hours=1)
    result = payments_reconcile(now=later)
    found = [(d.provider, d.kind, d.object_id) for d in result.new]
    assert ("monobank", "paid_there_only", payment.external_id) in found


def test_production_refuses_to_start_with_monobank_listed_and_no_token():
    with pytest.raises(SystemExit) as stopped:
        payment_methods_check(
            ["monobank", "cod"], debug=False, demo=False, stripe_key="", stripe_webhook_secret=""
        )
    assert "MONOBANK_TOKEN" in str(stopped.value)
    assert payment_methods_check(
        ["monobank", "cod"],
        debug=False,
        demo=False,
        stripe_key="",
        stripe_webhook_secret="",
        monobank_token="token",
    ) == ["monobank", "cod"]


def test_an_invoice_we_made_but_did_not_get_to_record_is_found_by_our_reference(
    client, monobank_standin, product
):
    order, payment, invoice = place(client, monobank_standin, product)
    type(payment).objects.filter(pk=payment.pk).update(external_id="")  # the answer was lost
    assert deliver(client, monobank_standin.pay(invoice["invoiceId"])).json()["outcome"] == "paid"
    payment.refresh_from_db()
    assert payment.external_id == invoice["invoiceId"]
    assert state_of(order)[:2] == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED)


def admin_refund(clerk: Client, order: Order):
    return clerk.post(
        "/admin/shop/order/",
        {"action": "refund", "_selected_action": [order.pk]},
        follow=True,
    )


def test_staff_refund_in_the_admin_goes_through_monobank_once_and_a_refusal_changes_nothing(
    client, monobank_standin, product
):
    order, payment, _invoice = place(client, monobank_standin, product, 3)
    deliver(client, monobank_standin.pay(payment.external_id))
    clerk_user = UserFactory.create(is_staff=True)
    clerk_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_order", "change_order", "refund_order"])
    )
    clerk = Client()
    otp_login(clerk, clerk_user)

    monobank_standin.fail_with = 500
    page = admin_refund(clerk, order)
    assert "monobank refused GET /api/merchant/invoice/status (HTTP 500, internal)" in page.text
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (OrderStatus.CONFIRMED, ChargeStatus.PAID)
    assert monobank_standin.created("/api/merchant/invoice/cancel") == []

    monobank_standin.fail_with = None
    assert "1 order(s) refunded." in admin_refund(clerk, order).text
    assert "was refunded before" in admin_refund(clerk, order).text
    assert len(monobank_standin.created("/api/merchant/invoice/cancel")) == 1
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (OrderStatus.CANCELLED, ChargeStatus.REFUNDED)
    assert Product.objects.get(pk=product.pk).stock == 10


def test_a_flood_of_forgeries_is_cut_off_but_monobanks_own_callback_still_counts(
    client, monobank_standin, product, settings
):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"monobank_webhook_rejects": (3, 600)}
    _order, payment, _invoice = place(client, monobank_standin, product)
    paid = monobank_standin.pay(payment.external_id)
    forger = ec.generate_private_key(ec.SECP256R1())
    answers = [deliver(client, paid, key=forger).status_code for _ in range(5)]
    assert answers == [400, 400, 400, 429, 429]
    assert deliver(client, paid).json()["outcome"] == "paid"


def test_manage_py_check_warns_when_monobank_is_listed_without_its_token(settings):
    settings.PAYMENT_METHODS, settings.MONOBANK_TOKEN = ["monobank", "cod"], ""
    assert [w.id for w in monobank_unusable(None)] == ["shop.W010"]
    settings.MONOBANK_TOKEN = "uToken"
    assert monobank_unusable(None) == []


def test_monobanks_key_out_of_reach_is_a_503_so_the_callback_comes_again(
    client, monobank_standin, product, settings
):
    order, payment, _invoice = place(client, monobank_standin, product)
    paid = monobank_standin.pay(payment.external_id)
    api_base, settings.MONOBANK_API_BASE = (
        settings.MONOBANK_API_BASE,
        f"http://127.0.0.1:{free_port()}",
    )
    assert deliver(client, paid).status_code == 503
    assert state_of(order)[:2] == (OrderStatus.PENDING_PAYMENT, PaymentStatus.STARTED)
    settings.MONOBANK_API_BASE = api_base
    assert deliver(client, paid).json()["outcome"] == "paid"
