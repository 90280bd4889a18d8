"""Paying through monobank in real Chromium, in Ukrainian as production serves it: the review
page offers «Картка, Apple Pay або Google Pay (monobank)», «Оформити замовлення» sends the
shopper to the stand-in's hosted page (plata by mono), Approve there posts monobank's signed
callback to the shop and sends the browser back, and the order page says it is paid."""

import re

import pytest
from playwright.sync_api import expect

from shop.catalogue.demo import demo_catalogue_seed
from shop.models import Order, OrderStatus, PaymentStatus
from tests.e2e.conftest import watched_page
from tests.e2e.pages import field_labelled, shop_page

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.production_languages,
    pytest.mark.django_db(transaction=True),
]

NBSP = "\u00a0"


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_ukrainian_shopper_pays_on_monobanks_page_and_sees_the_order_paid(
    browser, live_server, page_problems, device, monobank_standin
):
    demo_catalogue_seed()
    page = watched_page(
        browser, base_url=live_server.url, device=device, problems=page_problems, locale="uk-UA"
    )
    try:
        page.goto("/products/cast-iron-skillet-26-cm/")
        page.get_by_role("button", name="Додати до кошика").click()
        page.goto("/checkout/")
        page.get_by_label("E-mail").fill("olena@example.com")
        for label, value in {
            "Ім’я та прізвище": "Олена Петренко",
            "Телефон (для кур’єра)": "+380 44 123 4567",
            "Адреса": "вул. Хрещатик, 1",
            "Місто": "Київ",
            "Поштовий індекс": "01001",
        }.items():
            field_labelled(page, label).fill(value)
        field_labelled(page, "Країна").select_option("UA")
        page.get_by_role("button", name="Далі: доставка").click()
        page.get_by_label("Стандартна доставка, 3–5 днів").check()
        page.get_by_role("button", name="Далі: перевірка").click()
        page.get_by_label("Картка, Apple Pay або Google Pay (monobank)").check()
        shop_page(page, "uk-checkout-review-monobank")
        page.get_by_role("button", name=re.compile("^Оформити замовлення")).click()

        # monobank's hosted page (the stand-in), for exactly the order's total.
        expect(page.get_by_role("heading", name="Сплатити 1748.00 UAH")).to_be_visible()
        assert page.url.startswith(monobank_standin.url)
        order = Order.objects.get()
        page.get_by_role("button", name="Approve").click()

        expect(page.get_by_test_id("order-status")).to_have_text(
            "Оплачено — готуємо замовлення", timeout=15_000
        )
        expect(page.get_by_text("Оплату отримано. Дякуємо!")).to_be_visible()
        expect(page.get_by_role("heading", name=f"Замовлення {order.number}")).to_be_visible()
        expect(page.get_by_test_id("order-total")).to_have_text(f"1{NBSP}748,00{NBSP}₴")
        shop_page(page, "uk-order-paid-monobank")

        order.refresh_from_db()
        assert order.status == OrderStatus.CONFIRMED
        payment = order.payments.get()
        assert payment.status == PaymentStatus.APPROVED
        assert monobank_standin.callbacks == [("success", 200)]
        assert monobank_standin.invoices[payment.external_id]["amount"] == 174800
    finally:
        page.context.close()
    assert page_problems.found == [], "\n".join(page_problems.found)
