"""What checkout offers is what PAYMENT_METHODS lists; the demo gateway, which takes no money,
is reachable only while it is listed, and then every page says so and staff see its payments
marked as demo ones."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from shop.models import Order, OrderStatus, PaymentStatus
from tests.shop.conftest import ADDRESS, cart_add, review_form
from tests.shop.factories import OrderFactory, PaymentFactory

pytestmark = pytest.mark.django_db

STRIPE_KEYS = {"STRIPE_SECRET_KEY": "sk_test_x1234567", "STRIPE_WEBHOOK_SECRET": "whsec_x12345"}


def offered(client) -> list[str]:
    page = client.get(reverse("shop:checkout_review"))
    assert page.status_code == 200
    return [
        value
        for value in ("stripe", "cod", "demo")
        if f'name="payment_method" value="{value}"' in page.text
    ]


@pytest.fixture
def at_review(client, product):
    cart_add(client, product, 1)
    client.post(reverse("shop:checkout"), ADDRESS)
    client.post(reverse("shop:checkout_shipping"), {"method": "standard"})
    return client


def test_checkout_offers_the_listed_methods_in_their_order(at_review, settings):
    for name, value in STRIPE_KEYS.items():
        setattr(settings, name, value)
    settings.PAYMENT_METHODS = ["cod", "stripe"]
    page = at_review.get(reverse("shop:checkout_review")).text
    assert page.index('value="cod"') < page.index('value="stripe"')
    assert offered(at_review) == ["stripe", "cod"]
    settings.PAYMENT_METHODS = ["stripe"]
    assert offered(at_review) == ["stripe"]
    # Keys alone offer nothing: a method is chosen, not implied.
    settings.PAYMENT_METHODS = ["cod"]
    assert offered(at_review) == ["cod"]


def test_a_method_not_listed_cannot_be_posted(at_review, settings):
    settings.PAYMENT_METHODS = ["cod"]
    form = review_form(at_review) | {"payment_method": "demo"}
    response = at_review.post(reverse("shop:checkout_review"), form)
    assert response.status_code == 400
    assert not Order.objects.exists()


def test_with_the_demo_gateway_off_an_old_demo_order_cannot_be_approved(client, settings):
    order = OrderFactory.create(payment_method="demo")
    payment = PaymentFactory.create(order=order)
    url = reverse("shop:demo_gateway", args=[payment.reference])
    settings.DEBUG = False
    settings.PAYMENT_METHODS = ["cod"]

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "approve"}).status_code == 404

    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT and order.paid_at is None
    assert payment.status == PaymentStatus.STARTED


def test_with_the_demo_gateway_off_pay_now_on_a_demo_order_takes_nothing(client, settings):
    order = OrderFactory.create(payment_method="demo")
    session = client.session
    session["orders"] = [order.number]
    session.save()
    settings.PAYMENT_METHODS = ["cod"]

    response = client.post(reverse("shop:order_pay", args=[order.number]), follow=True)

    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    assert "did not go through" in response.text
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert [p.status for p in order.payments.all()] == [PaymentStatus.FAILED]


def test_with_the_demo_gateway_on_it_still_approves(client, settings):
    settings.PAYMENT_METHODS = ["cod", "demo"]
    payment = PaymentFactory.create(order=OrderFactory.create(payment_method="demo"))
    url = reverse("shop:demo_gateway", args=[payment.reference])
    assert client.post(url, {"action": "approve"}).status_code == 302
    payment.order.refresh_from_db()
    assert payment.order.status == OrderStatus.CONFIRMED


BANNER = 'data-testid="demo-banner"'


@pytest.mark.production_languages
@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", "справжні гроші тут не списуються"), ("/en", "no real money is taken here")],
)
def test_while_the_demo_gateway_is_on_every_page_says_no_real_money_is_taken(
    client, product, settings, prefix, words
):
    settings.PAYMENT_METHODS = ["cod", "demo"]
    pages = ["/", f"/products/{product.slug}/", "/blog/", "/cart/", "/orders/find/"]
    for path in pages:
        page = client.get(prefix + path)
        assert page.status_code == 200, path
        assert BANNER in page.text and words in page.text, path
        assert 'role="note"' in page.text.split(BANNER)[0].rsplit("<p", 1)[1]

    # Another deployment (the page caches' keys change with it, settings.BUILD).
    settings.PAYMENT_METHODS = ["cod"]
    cache.clear()
    for path in pages:
        assert BANNER not in client.get(prefix + path).text, path


def test_staff_see_demo_payments_marked_as_such(staff_client, settings):
    settings.PAYMENT_METHODS = ["cod"]  # even once the demo gateway is off
    order = OrderFactory.create(payment_method="demo")
    PaymentFactory.create(order=order)
    listing = staff_client.get(reverse("admin:shop_order_changelist")).text
    assert "Demo card gateway (no real charge)" in listing
    change = staff_client.get(reverse("admin:shop_order_change", args=[order.pk])).text
    inline = change.split('id="payments-group"', 1)[-1]
    assert "Demo card gateway (no real charge)" in inline
