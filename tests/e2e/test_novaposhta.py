"""A Ukrainian shopper on a 375 px phone sends the order to a Nova Poshta branch: the city
found while typing, the branch narrowed by its number, and the order page naming it."""

import re

import pytest
from playwright.sync_api import expect

from shop.catalogue.demo import demo_catalogue_seed
from shop.delivery.client import NovaPoshtaClient
from shop.delivery.services import novaposhta_sync
from shop.models import Order
from tests.e2e.axe import serious_violations
from tests.e2e.pages import shop_page
from tests.support.novaposhta_server import API_KEY, NovaPoshtaStandIn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def device() -> str:
    return "phone"


@pytest.fixture
def shop(settings):
    settings.SITE_URL = ""
    demo_catalogue_seed()
    with NovaPoshtaStandIn() as np:
        kyiv = np.city("Київ", area="Київська")
        np.warehouse(kyiv, 1, "вул. Пирогівський шлях, 135")
        np.warehouse(kyiv, 12, "вул. Хрещатик, 22")
        np.warehouse(kyiv, 30512, "вул. Хрещатик, 15", locker=True)
        np.city("Київець", area="Львівська")
        novaposhta_sync(client=NovaPoshtaClient(API_KEY, np.url, timeout=5))


def test_a_ukrainian_shopper_sends_the_order_to_a_nova_poshta_branch(page, shop):
    page.goto("/uk/products/cast-iron-skillet-26-cm/")
    page.get_by_role("button", name="Додати до кошика").click()
    page.get_by_role("link", name="Оформити замовлення").click()

    page.locator("[name=email]").fill("olena@example.com")
    page.locator("[name=full_name]").fill("Олена Петренко")
    page.locator("[name=phone]").fill("067 123 45 67")
    page.locator("[name=address_line1]").fill("вул. Хрещатик, 1")
    page.locator("[name=city]").fill("Київ")
    page.locator("[name=postcode]").fill("01001")
    expect(page.locator("[name=country]")).to_have_value("UA")
    shop_page(page, "np-details-uk")
    page.get_by_role("button", name="Далі: доставка").click()

    page.get_by_label("Нова пошта — відділення").check()
    shop_page(page, "np-methods-uk")
    page.get_by_role("button", name="Далі: перевірка").click()

    # The city, suggested while typing (the script's JSON look-up, no page load), once the
    # deferred script listens.
    expect(page.locator("[data-np-picker][data-np-ready]")).to_be_attached()
    page.get_by_label("Місто").fill("київ")
    suggestion = page.get_by_role("link", name="Київ (Київська)")
    expect(suggestion).to_be_visible()
    expect(page.get_by_role("link", name="Київець (Львівська)")).to_be_visible()
    suggestion.click()

    branch = page.get_by_label("Відділення", exact=True)
    expect(branch.locator("option")).to_have_count(3)  # "— choose —" and two branches
    expect(page.locator("[data-np-picker][data-np-ready]")).to_be_attached()
    page.get_by_label("Пошук за номером або вулицею").fill("12")
    expect(branch.locator("option")).to_have_count(2)
    branch.select_option(label="№ 12: Відділення №12: вул. Хрещатик, 22")
    shop_page(page, "np-picker-uk")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Далі: перевірка").click()

    expect(page.get_by_test_id("review-np-point")).to_contain_text("вул. Хрещатик, 22")
    expect(page.get_by_text("067 123 4567")).to_be_visible()
    page.get_by_label("Оплата при отриманні").check()
    shop_page(page, "np-review-uk")
    page.get_by_role("button", name=re.compile(r"^Оформити замовлення")).click()

    order = Order.objects.get()
    expect(page.get_by_test_id("order-np-point")).to_contain_text("№ 12: Відділення №12")
    assert (order.np_warehouse_number, order.phone) == (12, "+380671234567")
    shop_page(page, "np-order-uk")
