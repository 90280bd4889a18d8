"""`manage.py novaposhta_sync` against a local stand-in speaking Nova Poshta's API 2.0."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from shop.delivery.client import NovaPoshtaClient, NovaPoshtaError
from shop.delivery.services import novaposhta_sync
from shop.models import NovaPoshtaCity, NovaPoshtaWarehouse, WarehouseKind

pytestmark = pytest.mark.django_db


def sync(out: StringIO | None = None) -> str:
    out = out or StringIO()
    call_command("novaposhta_sync", stdout=out)
    return out.getvalue()


def test_without_a_key_the_command_says_so_and_syncs_nothing(settings):
    settings.NOVA_POSHTA_API_KEY = ""
    output = sync()  # exits 0: no CommandError
    assert "NOVA_POSHTA_API_KEY is not set" in output
    assert not NovaPoshtaCity.objects.exists()


def test_the_command_copies_cities_branches_and_lockers(novaposhta):
    kyiv = novaposhta.city("Київ", area="Київська")
    novaposhta.warehouse(kyiv, 12, "вул. Хрещатик, 22")
    novaposhta.warehouse(kyiv, 30512, "вул. Хрещатик, 15", locker=True)

    output = sync()

    assert "1 cities and 2 warehouses synced" in output
    city = NovaPoshtaCity.objects.get()
    assert (city.name, city.area, city.is_active) == ("Київ", "Київська", True)
    branch, locker = NovaPoshtaWarehouse.objects.order_by("number")
    assert (branch.number, branch.kind, branch.city_id) == (12, WarehouseKind.BRANCH, city.ref)
    assert branch.description == "Відділення №12: вул. Хрещатик, 22"
    assert locker.kind == WarehouseKind.LOCKER
    # The real calls, with our key, as Nova Poshta expects them.
    call = novaposhta.calls("getWarehouses")[0]
    assert call["apiKey"] == novaposhta.api_key and call["modelName"] == "Address"
    assert {"Page", "Limit"} <= call["methodProperties"].keys()


def test_every_page_is_read(novaposhta):
    city = novaposhta.city("Одеса")
    for number in range(1, 6):
        novaposhta.warehouse(city, number, f"вул. Дерибасівська, {number}")
    client = NovaPoshtaClient.from_settings()
    assert client is not None

    result = novaposhta_sync(client=NovaPoshtaClient(client.api_key, client.url, page_size=2))

    assert result.warehouses == 5
    assert [c["methodProperties"]["Page"] for c in novaposhta.calls("getWarehouses")] == [
        "1",
        "2",
        "3",
    ]
    assert sorted(NovaPoshtaWarehouse.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_running_it_again_changes_nothing_and_follows_renames(novaposhta):
    kyiv = novaposhta.city("Київ")
    branch = novaposhta.warehouse(kyiv, 12, "вул. Хрещатик, 22")
    sync()
    sync()
    assert NovaPoshtaCity.objects.count() == 1
    assert NovaPoshtaWarehouse.objects.count() == 1

    branch["Description"] = "Відділення №12: вул. Хрещатик, 24"
    sync()
    warehouse = NovaPoshtaWarehouse.objects.get()
    assert warehouse.description.endswith("Хрещатик, 24") and warehouse.is_active


def test_a_warehouse_nova_poshta_no_longer_lists_is_deactivated_not_deleted(novaposhta):
    kyiv = novaposhta.city("Київ")
    novaposhta.warehouse(kyiv, 1, "вул. Пирогівський шлях, 135")
    closed = novaposhta.warehouse(kyiv, 12, "вул. Хрещатик, 22")
    sync()

    novaposhta.warehouses.remove(closed)
    output = sync()

    assert "1 warehouses no longer listed" in output
    gone = NovaPoshtaWarehouse.objects.get(ref=closed["Ref"])
    assert gone.is_active is False
    assert NovaPoshtaWarehouse.objects.filter(is_active=True).count() == 1


def test_a_failed_run_stops_with_an_error_and_deactivates_nothing(novaposhta):
    kyiv = novaposhta.city("Київ")
    novaposhta.warehouse(kyiv, 12, "вул. Хрещатик, 22")
    sync()

    novaposhta.fail_method = "getWarehouses"
    with pytest.raises(CommandError, match="Nova Poshta sync failed"):
        sync()
    assert NovaPoshtaWarehouse.objects.get().is_active


def test_a_wrong_key_is_an_error_that_does_not_show_the_key(novaposhta, settings):
    settings.NOVA_POSHTA_API_KEY = "not-the-key-123"
    client = NovaPoshtaClient.from_settings()
    assert client is not None  # a key is set, if a wrong one
    with pytest.raises(NovaPoshtaError) as error:
        novaposhta_sync(client=client)
    assert "API key expired" in str(error.value)
    assert "not-the-key-123" not in str(error.value)


def test_an_unreachable_api_is_an_error(settings):
    client = NovaPoshtaClient("key", "http://127.0.0.1:9/v2.0/json/", timeout=2)
    with pytest.raises(NovaPoshtaError):
        novaposhta_sync(client=client)
