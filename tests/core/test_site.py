"""Links in e-mails open: without SITE_URL they are on the address the shopper reached the
server at (any host, any port), also when a worker sends the e-mail later; with SITE_URL (or
Render's RENDER_EXTERNAL_URL) they are on that, whatever the request said."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from core.site import FALLBACK, site_url
from shop.models import Order
from shop.orders.links import order_link_url
from tests.blog.test_tasks import DATABASE_TASKS
from tests.shop.conftest import cart_add, checkout
from tests.shop.factories import OrderFactory
from tests.support.process import settings_code
from tests.support.text import match_in

pytestmark = pytest.mark.django_db

LINK = re.compile(r"(https?://[^/\s]+)/orders/link/[^/\s]+/")


@pytest.fixture
def buy_with_cash(django_capture_on_commit_callbacks):
    def buy(client: Client, product) -> str:
        """A cash-on-delivery order (confirmed at once, so e-mailed): the link in the e-mail."""
        cart_add(client, product, 1)
        with django_capture_on_commit_callbacks(execute=True):
            response = checkout(client, payment="cod")
        assert response.status_code == 302
        [message] = mail.outbox
        match = LINK.search(str(message.body))
        assert match, message.body
        return match.group(0)

    return buy


def test_without_site_url_the_emailed_link_is_on_the_port_the_server_runs_on(
    settings, product, buy_with_cash
):
    """Before: http://127.0.0.1:8000/… whatever the port, a dead link on any other."""
    settings.SITE_URL = ""
    link = buy_with_cash(Client(HTTP_HOST="127.0.0.1:8123"), product)
    assert link.startswith("http://127.0.0.1:8123/orders/link/")
    # …and it opens the order, in a browser that never saw it.
    stranger = Client(HTTP_HOST="127.0.0.1:8123")
    opened = stranger.get(link.removeprefix("http://127.0.0.1:8123"))
    assert opened["Location"] == Order.objects.get().get_absolute_url()


def test_a_phone_on_the_local_network_gets_links_it_can_open(settings, product, buy_with_cash):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["192.168.1.20"]
    link = buy_with_cash(Client(HTTP_HOST="192.168.1.20:8000"), product)
    assert link.startswith("http://192.168.1.20:8000/orders/link/")


def test_site_url_wins_over_the_address_in_the_request(settings, product, buy_with_cash):
    settings.SITE_URL = "https://shop.example.com"
    link = buy_with_cash(Client(HTTP_HOST="127.0.0.1:8123"), product)
    assert link.startswith("https://shop.example.com/orders/link/")


@pytest.mark.django_db(transaction=True)
def test_a_worker_sending_the_email_later_uses_the_address_captured_with_the_request(
    settings, product
):
    """With the database backend the e-mail leaves from `db_worker`, a process that never saw
    the request: the base travels with the task."""
    settings.SITE_URL = ""
    settings.TASKS = DATABASE_TASKS
    client = Client(HTTP_HOST="localhost:8001")
    cart_add(client, product, 1)
    checkout(client, payment="cod")
    assert mail.outbox == []  # queued, not sent in the request
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO())
    [message] = mail.outbox
    assert match_in(LINK, message.body).group(1) == "http://localhost:8001"


def test_with_neither_a_setting_nor_a_request_links_use_runservers_default(settings):
    settings.SITE_URL = ""
    assert site_url() == FALLBACK == "http://127.0.0.1:8000"
    order = OrderFactory.create()
    assert order_link_url(order=order).startswith("http://127.0.0.1:8000/orders/link/")


def test_the_setting_defaults_to_renders_address_and_is_empty_locally():
    probe = "print(json.dumps(settings.SITE_URL))"
    assert settings_code(probe).stdout.strip() == '""'
    on_render = settings_code(probe, RENDER_EXTERNAL_URL="https://smartshop.onrender.com/")
    assert on_render.stdout.strip() == '"https://smartshop.onrender.com"'
    chosen = settings_code(
        probe, RENDER_EXTERNAL_URL="https://smartshop.onrender.com", SITE_URL="https://a.example"
    )
    assert chosen.stdout.strip() == '"https://a.example"'
