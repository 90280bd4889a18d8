"""Orders remember the language they were placed in; the confirmation goes out in it, from a
task that runs outside any shopper's request, with links to the order's page in it."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from shop.models import Order
from shop.orders.notifications import order_confirmation_send
from tests.shop.conftest import ADDRESS, review_form
from tests.shop.factories import OrderFactory, OrderLineFactory
from tests.support.text import match_in

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def place(client, product, prefix: str) -> Order:
    """Walk the shop in one language (its URL prefix) and place a cash-on-delivery order."""
    assert client.post(f"{prefix}/cart/add/{product.pk}/", {"quantity": 1}).status_code == 302
    assert client.post(f"{prefix}/checkout/", ADDRESS).status_code == 302
    assert client.post(f"{prefix}/checkout/delivery/", {"method": "standard"}).status_code == 302
    with translation.override(prefix.strip("/") or "uk"):
        form = review_form(client)
    response = client.post(f"{prefix}/checkout/review/", {**form, "payment_method": "cod"})
    assert response.status_code == 302, response.content
    return Order.objects.get()


@pytest.mark.parametrize(
    ("prefix", "language", "subject", "texts", "link"),
    [
        (
            "",
            "uk",
            "Ваше замовлення",
            [
                "Дякуємо! Ми отримали ваше замовлення і незабаром його підтвердимо. "
                "Оплата — готівкою при отриманні.",
                "Чавунна сковорода",
                "₴",
            ],
            r"http://127\.0\.0\.1:8000/orders/link/[^/\s]+/",
        ),
        (
            "/en",
            "en",
            "Your SmartShop AI order",
            [
                "Thank you! We have your order and will confirm it shortly. "
                "You pay in cash when it is delivered.",
                "Cast iron skillet",
                "₴",
            ],
            r"http://127\.0\.0\.1:8000/en/orders/link/[^/\s]+/",
        ),
    ],
)
def test_the_confirmation_is_in_the_language_the_order_was_placed_in(
    client,
    skillet,
    settings,
    django_capture_on_commit_callbacks,
    prefix,
    language,
    subject,
    texts,
    link,
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    with django_capture_on_commit_callbacks(execute=True):
        order = place(client, skillet, prefix)
    assert order.language == language
    [message] = mail.outbox
    assert subject in message.subject
    for text in texts:
        assert text in message.body
    assert re.search(link, message.body)
    assert isinstance(message, EmailMultiAlternatives)
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    assert f'<html lang="{language}">' in html
    # The link opens the order's page in that language.
    url = match_in(link, message.body).group(0).removeprefix(settings.SITE_URL)
    opened = client.get(url, follow=True)
    assert opened.status_code == 200
    assert ("Замовлення" if language == "uk" else "Order") in opened.text


def test_the_task_sends_in_the_orders_language_whatever_language_is_active(settings):
    """The e-mail task runs in a worker (or inline in another shopper's request): its own
    active language must not leak into the message."""
    order = OrderFactory.create(
        cod=True,
        language="uk",
        subtotal=Decimal("1234.00"),
        total=Decimal("1333.00"),
        shipping_price=Decimal("99.00"),
        currency="UAH",
    )
    OrderLineFactory.create(order=order, product_name="Чайник", unit_price=Decimal("1234.00"))
    Order.objects.filter(pk=order.pk).update(confirmation_next_attempt_at=order.created_at)
    with translation.override("en"):
        assert order_confirmation_send(order_id=order.pk) == "sent"
        assert translation.get_language() == "en"
    [message] = mail.outbox
    assert message.subject == f"Ваше замовлення {order.number} у SmartShop AI"
    assert f"Разом: 1{NBSP}333,00{NBSP}₴" in message.body
    assert "/en/" not in message.body and "Total" not in message.body
