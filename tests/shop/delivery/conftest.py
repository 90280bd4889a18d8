import pytest

from shop.delivery.client import NovaPoshtaClient
from shop.delivery.services import novaposhta_sync
from tests.support.novaposhta_server import API_KEY, NovaPoshtaStandIn


@pytest.fixture
def novaposhta(settings):
    """Nova Poshta's API on 127.0.0.1, with the shop's settings pointing at it."""
    with NovaPoshtaStandIn() as stand_in:
        settings.NOVA_POSHTA_API_KEY = API_KEY
        settings.NOVA_POSHTA_API_URL = stand_in.url
        settings.NOVA_POSHTA_TIMEOUT = 5.0
        yield stand_in


@pytest.fixture
def kyiv(novaposhta, db):
    """Kyiv with two branches and a parcel locker, Kyivets (a name that starts the same) with
    one branch, and Lviv; synced into the database."""
    kyiv = novaposhta.city("Київ", area="Київська", translit="Kyiv")
    novaposhta.warehouse(kyiv, 1, "вул. Пирогівський шлях, 135")
    novaposhta.warehouse(kyiv, 12, "вул. Хрещатик, 22")
    novaposhta.warehouse(kyiv, 30512, "вул. Хрещатик, 15 (супермаркет)", locker=True)
    kyivets = novaposhta.city("Київець", area="Львівська")
    novaposhta.warehouse(kyivets, 1, "вул. Шевченка, 1")
    lviv = novaposhta.city("Львів", area="Львівська", translit="Lviv")
    novaposhta.warehouse(lviv, 5, "вул. Городоцька, 10")
    client = NovaPoshtaClient.from_settings()
    assert client is not None  # the key is set
    novaposhta_sync(client=client)
    return kyiv
