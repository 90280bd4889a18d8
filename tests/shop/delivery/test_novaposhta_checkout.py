"""Checkout with Nova Poshta: the picker without JavaScript (GET searches, a POST for the
branch), its JSON look-ups, local search, tariffs, and the order it places."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from shop.delivery.client import NovaPoshtaClient
from shop.delivery.selectors import city_search, warehouse_search
from shop.delivery.services import novaposhta_sync
from shop.delivery.shipping import shipping_get
from shop.models import NovaPoshtaCity, NovaPoshtaWarehouse, Order, WarehouseKind
from tests.shop.conftest import ADDRESS, cart_add, review_form

pytestmark = pytest.mark.django_db


def details_and_method(client, product, method):
    cart_add(client, product)
    assert client.post(reverse("shop:checkout"), ADDRESS).status_code == 302
    return client.post(reverse("shop:checkout_shipping"), {"method": method})


def options(page) -> list[str]:
    select = re.search(r'<select name="warehouse".*?</select>', page.text, re.S)
    assert select, page.text
    return re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', select.group(0))


# --- offered or not ---------------------------------------------------------------------


def test_without_a_sync_checkout_offers_the_other_methods_only(client, product):
    cart_add(client, product)
    client.post(reverse("shop:checkout"), ADDRESS)
    page = client.get(reverse("shop:checkout_shipping")).text
    assert "Standard delivery" in page
    assert "Nova Poshta" not in page
    response = client.post(reverse("shop:checkout_shipping"), {"method": "np_branch"})
    assert response.status_code == 400


def test_once_synced_the_three_nova_poshta_methods_are_offered_with_their_prices(
    client, product, kyiv
):
    cart_add(client, product)
    client.post(reverse("shop:checkout"), ADDRESS)
    page = client.get(reverse("shop:checkout_shipping")).text
    for label in (
        "Nova Poshta — branch",
        "Nova Poshta — parcel locker",
        "Nova Poshta — courier to the door",
    ):
        assert label in page


def test_prices_follow_the_tariff_table_by_order_total():
    branch = shipping_get("np_branch")
    assert branch is not None
    assert branch.price_for(Decimal("999.99")) == Decimal("80.00")
    assert branch.price_for(Decimal("1000.00")) == Decimal("95.00")
    assert branch.price_for(Decimal("7000.00")) == Decimal("130.00")


# --- the picker, without JavaScript ---------------------------------------------------------


def test_a_shopper_without_javascript_picks_a_city_then_a_branch_and_the_order_keeps_it(
    client, product, kyiv
):
    response = details_and_method(client, product, "np_branch")
    assert response.url == reverse("shop:checkout_np")

    # Type the city: results as links, the city itself before longer names.
    page = client.get(reverse("shop:checkout_np"), {"q": "киї"})
    assert page.status_code == 200
    links = re.findall(r'<a href="([^"]*\?city=[^"]+)">([^<]+)</a>', page.text)
    assert [name for _, name in links] == ["Київ (Київська)", "Київець (Львівська)"]

    # Pick it: the city's branches (not its parcel locker) in a select.
    page = client.get(links[0][0].replace("&amp;", "&"))
    assert options(page) == [
        "№ 1: Відділення №1: вул. Пирогівський шлях, 135",
        "№ 12: Відділення №12: вул. Хрещатик, 22",
    ]
    # Narrowed by number.
    assert options(client.get(reverse("shop:checkout_np"), {"city": kyiv["Ref"], "wq": "12"})) == [
        "№ 12: Відділення №12: вул. Хрещатик, 22"
    ]

    branch = NovaPoshtaWarehouse.objects.get(city_id=kyiv["Ref"], number=12)
    response = client.post(
        reverse("shop:checkout_np"), {"city": kyiv["Ref"], "warehouse": branch.ref}
    )
    assert response.status_code == 302 and response.url == reverse("shop:checkout_review")

    review = client.get(reverse("shop:checkout_review")).text
    assert "вул. Хрещатик, 22" in review
    response = client.post(
        reverse("shop:checkout_review"), {**review_form(client), "payment_method": "cod"}
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.shipping_method == "np_branch"
    assert order.shipping_price == Decimal("80.00")
    assert (order.np_city_ref, order.np_warehouse_ref) == (kyiv["Ref"], branch.ref)
    assert order.np_city == "Київ (Київська)"
    assert order.np_warehouse_number == 12
    assert order.np_warehouse == "Відділення №12: вул. Хрещатик, 22"

    # A snapshot: Nova Poshta renaming the branch later does not change the order.
    NovaPoshtaWarehouse.objects.filter(pk=branch.pk).update(description="renamed")
    page = client.get(order.get_absolute_url()).text
    assert "Відділення №12: вул. Хрещатик, 22" in page


def test_the_parcel_locker_method_lists_lockers_and_refuses_a_branch(client, product, kyiv):
    details_and_method(client, product, "np_locker")
    page = client.get(reverse("shop:checkout_np"), {"city": kyiv["Ref"]})
    assert options(page) == ["№ 30512: Поштомат №30512: вул. Хрещатик, 15 (супермаркет)"]

    branch = NovaPoshtaWarehouse.objects.get(city_id=kyiv["Ref"], number=12)
    response = client.post(
        reverse("shop:checkout_np"), {"city": kyiv["Ref"], "warehouse": branch.ref}
    )
    assert response.status_code == 400
    assert "Choose a branch or parcel locker from the list." in response.text


def test_a_branch_of_another_city_is_refused(client, product, kyiv):
    details_and_method(client, product, "np_branch")
    lviv = NovaPoshtaWarehouse.objects.get(number=5)
    response = client.post(
        reverse("shop:checkout_np"), {"city": kyiv["Ref"], "warehouse": lviv.ref}
    )
    assert response.status_code == 400


def test_review_without_a_branch_sends_the_shopper_to_choose_one(client, product, kyiv):
    details_and_method(client, product, "np_branch")
    response = client.get(reverse("shop:checkout_review"))
    assert response.status_code == 302 and response.url == reverse("shop:checkout_np")


def test_a_branch_closed_since_it_was_chosen_must_be_chosen_again(client, product, kyiv):
    details_and_method(client, product, "np_branch")
    branch = NovaPoshtaWarehouse.objects.get(city_id=kyiv["Ref"], number=12)
    client.post(reverse("shop:checkout_np"), {"city": kyiv["Ref"], "warehouse": branch.ref})
    NovaPoshtaWarehouse.objects.filter(pk=branch.pk).update(is_active=False)
    response = client.get(reverse("shop:checkout_review"))
    assert response.url == reverse("shop:checkout_np")


def test_the_courier_needs_no_branch(client, product, kyiv):
    response = details_and_method(client, product, "np_courier")
    assert response.url == reverse("shop:checkout_review")
    response = client.post(
        reverse("shop:checkout_review"), {**review_form(client), "payment_method": "cod"}
    )
    order = Order.objects.get()
    assert order.shipping_method == "np_courier" and order.np_warehouse == ""
    assert order.shipping_price == Decimal("120.00")


# --- local search ---------------------------------------------------------------------------


def test_city_search_ignores_case_and_apostrophes(kyiv, novaposhta):
    novaposhta.city("Кам’янець-Подільський", area="Хмельницька")
    client = NovaPoshtaClient.from_settings()
    assert client is not None  # the key is set
    novaposhta_sync(client=client)
    assert [c.name for c in city_search(query="КИЇВ")] == ["Київ", "Київець"]
    assert [c.name for c in city_search(query="кам'ян")] == ["Кам’янець-Подільський"]
    assert [c.name for c in city_search(query="Кам`янець")] == ["Кам’янець-Подільський"]
    assert city_search(query="  ") == []


def test_warehouse_search_by_number_or_street(kyiv):
    by_number = warehouse_search(city_ref=kyiv["Ref"], query="№12")
    assert [w.number for w in by_number] == [12]
    by_street = warehouse_search(city_ref=kyiv["Ref"], query="хрещатик")
    assert [w.number for w in by_street] == [12, 30512]
    lockers = warehouse_search(city_ref=kyiv["Ref"], kind=WarehouseKind.LOCKER)
    assert [w.number for w in lockers] == [30512]


# --- the JSON look-ups ----------------------------------------------------------------------


def test_cities_json(client, kyiv):
    response = client.get(reverse("shop:np_cities"), {"q": "льв"})
    assert response.status_code == 200
    assert response.json() == {
        "cities": [
            {
                "ref": NovaPoshtaCity.objects.get(name="Львів").ref,
                "name": "Львів",
                "area": "Львівська",
                "label": "Львів (Львівська)",
            }
        ]
    }


def test_warehouses_json_by_city_kind_and_number(client, kyiv):
    response = client.get(
        reverse("shop:np_warehouses"), {"city": kyiv["Ref"], "kind": "branch", "q": "1"}
    )
    assert [w["number"] for w in response.json()["warehouses"]] == [1]
    response = client.get(reverse("shop:np_warehouses"), {"city": kyiv["Ref"], "kind": "locker"})
    assert [w["kind"] for w in response.json()["warehouses"]] == ["locker"]


def test_warehouses_json_of_an_unknown_city_is_404(client, kyiv):
    response = client.get(reverse("shop:np_warehouses"), {"city": "nope"})
    assert response.status_code == 404


def test_the_look_ups_are_read_only(client, kyiv):
    assert client.post(reverse("shop:np_cities"), {"q": "К"}).status_code == 405


def test_the_look_ups_are_rate_limited(client, kyiv, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "novaposhta_lookup_client": (3, 60)}
    codes = [client.get(reverse("shop:np_cities"), {"q": "К"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
