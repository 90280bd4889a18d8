"""The shop in both languages in real Chromium, at desktop and phone width, as production
serves it (Ukrainian first): a Ukrainian shopper buys with cash on delivery, switches to
English on the way and back; an English browser's first visit lands on the English shop.
Screenshots: artifacts/screenshots/<uk|en>-<page>-<desktop|phone>.png."""

import re

import pytest
from playwright.sync_api import Page, expect

from shop.catalogue.demo import demo_catalogue_seed
from shop.models import Order
from tests.e2e.conftest import watched_page
from tests.e2e.pages import field_labelled, shop_page, within_reach

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.production_languages,
    pytest.mark.django_db(transaction=True),
]

DEVICES = pytest.mark.parametrize("device", ["desktop", "phone"])
NBSP = "\u00a0"


@pytest.fixture
def catalogue():
    demo_catalogue_seed()


def browser_in(browser, live_server, page_problems, device: str, locale: str) -> Page:
    """A fresh browser whose language is `locale` (its Accept-Language)."""
    return watched_page(
        browser, base_url=live_server.url, device=device, problems=page_problems, locale=locale
    )


@DEVICES
def test_a_ukrainian_shopper_buys_with_cash_on_delivery_and_switches_language(
    browser, live_server, page_problems, device, catalogue
):
    page = browser_in(browser, live_server, page_problems, device, "uk-UA")
    try:
        page.goto("/")
        expect(page.locator("html")).to_have_attribute("lang", "uk")
        expect(page.get_by_role("heading", name="Добрі речі, дібрані з любов’ю")).to_be_visible()
        shop_page(page, "uk-home")

        page.get_by_role("complementary", name="Категорії").get_by_role(
            "link", name="Кухня"
        ).click()
        page.get_by_role("heading", name="Чавунна сковорода 26 см").get_by_role("link").click()
        expect(page.locator(".product-price")).to_contain_text(f"1{NBSP}649,00{NBSP}₴")
        shop_page(page, "uk-product")

        # The switch: the same page in English, the choice remembered.
        switch = page.get_by_role("button", name="Перемкнути мову на English")
        within_reach(switch)
        box = switch.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44
        switch.click()
        expect(page).to_have_url(re.compile(r"/en/products/cast-iron-skillet-26-cm/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Cast Iron Skillet 26 cm")
        expect(page.locator(".product-price")).to_contain_text("₴1,649.00")
        shop_page(page, "en-product")
        page.get_by_role("button", name="Add to cart").click()
        expect(page.get_by_test_id("cart-subtotal")).to_have_text("₴1,649.00")

        # Back to Ukrainian: the cart is still there.
        page.get_by_role("button", name="Switch the language to Українська").click()
        expect(page).to_have_url(re.compile(r"/cart/$"))
        expect(page.get_by_role("heading", name="Ваш кошик")).to_be_visible()
        expect(page.get_by_test_id("cart-subtotal")).to_have_text(f"1{NBSP}649,00{NBSP}₴")
        shop_page(page, "uk-cart")

        page.get_by_role("link", name="Оформити замовлення").click()
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
        shop_page(page, "uk-checkout-details")
        page.get_by_role("button", name="Далі: доставка").click()
        page.get_by_label("Стандартна доставка, 3–5 днів").check()
        shop_page(page, "uk-checkout-delivery")
        page.get_by_role("button", name="Далі: перевірка").click()
        page.get_by_label("Оплата при отриманні").check()
        shop_page(page, "uk-checkout-review")
        page.get_by_role("button", name=re.compile("^Оформити замовлення")).click()

        number = Order.objects.get().number
        expect(page.get_by_role("heading", name=f"Замовлення {number}")).to_be_visible()
        expect(page.get_by_test_id("order-total")).to_have_text(f"1{NBSP}748,00{NBSP}₴")
        shop_page(page, "uk-order")
        assert Order.objects.get().language == "uk"
    finally:
        page.context.close()
    assert page_problems.found == [], "\n".join(page_problems.found)


@DEVICES
def test_an_english_browser_lands_on_the_ukrainian_shop_and_english_is_a_choice(
    browser, live_server, page_problems, device, catalogue
):
    # Common on Ukrainian phones: the state-language law wants Ukrainian by default anyway.
    page = browser_in(browser, live_server, page_problems, device, "en-US")
    try:
        page.goto("/category/kitchen/")
        expect(page).to_have_url(re.compile(r"/category/kitchen/$"))
        expect(page.locator("html")).to_have_attribute("lang", "uk")
        expect(page.get_by_role("heading", level=1)).to_have_text("Кухня")
        shop_page(page, "uk-category")
        # English only when chosen, and remembered from then on.
        page.get_by_role("button", name="Перемкнути мову на English").click()
        expect(page).to_have_url(re.compile(r"/en/category/kitchen/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Kitchen")
        page.goto("/blog/")
        expect(page).to_have_url(re.compile(r"/en/blog/$"))
        expect(page.get_by_role("heading", name="The SmartShop AI blog")).to_be_visible()
        shop_page(page, "en-blog")
    finally:
        page.context.close()
    assert page_problems.found == [], "\n".join(page_problems.found)
