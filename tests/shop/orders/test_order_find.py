""" "Find my order": a guest who lost the e-mail gets the order's signed link again, at the
address the order was placed with. Nobody learns whether an order exists; nobody can flood an
inbox; a mail outage is not an error page."""

import logging
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring import registry
from shop.models import Order
from tests.blog.test_tasks import DATABASE_TASKS
from tests.shop.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db

FIND = reverse("shop:order_find")
SENT = reverse("shop:order_find_sent")
LINK = re.compile(r"http://testserver(/orders/link/[^/\s]+/)")


@pytest.fixture
def order() -> Order:
    order = OrderFactory.create(email="olena@example.com")
    OrderLineFactory.create(order=order, product_name="Enamel Camp Mug")
    return order


def post(client: Client, number: str, email: str):
    return client.post(FIND, {"number": number, "email": email})


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Post the form and run what it queued after its commit, as outside a test's
    transaction (a request is in none)."""

    def ask(client: Client, number: str, email: str):
        with django_capture_on_commit_callbacks(execute=True):
            return post(client, number, email)

    return ask


def test_the_page_is_linked_from_every_footer_and_from_order_not_found(client, db):
    assert f'href="{FIND}"' in client.get(reverse("shop:catalogue")).text
    missing = client.get(reverse("shop:order_detail", args=["SS-2026-NOPE22"]))
    assert missing.status_code == 404
    assert f'href="{FIND}"' in missing.text
    page = client.get(FIND)
    assert page.status_code == 200
    assert "Order number" in page.text and "E-mail" in page.text


def test_the_link_goes_to_the_orders_address_and_opens_the_order(ask, client, order):
    response = ask(client, order.number, "olena@example.com")
    assert response.status_code == 302 and response.url == SENT
    [message] = mail.outbox
    assert message.to == ["olena@example.com"]
    assert order.number in message.subject
    assert "Enamel Camp Mug" in message.body
    link = LINK.search(str(message.body))
    assert link is not None, message.body
    path = link.group(1)
    stranger = Client()
    assert stranger.get(path)["Location"] == order.get_absolute_url()
    assert stranger.get(order.get_absolute_url()).status_code == 200


def test_number_and_address_are_matched_whatever_their_case_and_spaces(ask, client, order):
    ask(client, f"  {order.number.lower()} ", " Olena@Example.COM ")
    assert [m.to for m in mail.outbox] == [["olena@example.com"]]


@pytest.mark.parametrize(
    ("number", "email"),
    [
        ("SS-2026-ZZZZZZ", "olena@example.com"),  # no such order
        (None, "someone.else@example.com"),  # the order, another address
    ],
)
def test_the_answer_is_the_same_whether_or_not_the_order_exists(ask, client, order, number, email):
    found = Client()
    match = ask(found, order.number, "olena@example.com")
    miss = ask(client, number or order.number, email)
    assert (miss.status_code, miss.url) == (match.status_code, match.url) == (302, SENT)
    assert client.get(SENT).text == found.get(SENT).text
    assert len(mail.outbox) == 1  # the match only, to the order's own address
    assert mail.outbox[0].to == ["olena@example.com"]


@pytest.mark.django_db(transaction=True)
def test_the_request_does_the_same_work_either_way_and_sends_nothing_itself(settings):
    """With the database backend (production), whether the order exists is decided by the
    worker: the request runs the same queries either way, so its timing tells nothing."""
    settings.TASKS = DATABASE_TASKS
    order = OrderFactory.create(email="olena@example.com")

    def queries(number: str, email: str) -> list[str]:
        client = Client()
        client.get(FIND)
        with CaptureQueriesContext(connection) as captured:
            assert post(client, number, email).status_code == 302
        return [re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"]) for q in captured]

    assert queries(order.number, "olena@example.com") == queries("SS-2026-ZZZZZZ", "x@example.com")
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["olena@example.com"]]


def test_a_form_that_is_not_an_order_number_or_address_is_a_clear_400(ask, client, order):
    response = ask(client, "DROP TABLE; --", "not-an-address")
    assert response.status_code == 400
    assert "Enter the order number as it appears in your e-mail" in response.text
    assert "Enter a valid email address." in response.text
    assert mail.outbox == []


def test_asking_too_often_for_one_address_is_throttled_found_or_not(ask, client, order, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"order_find_email": (3, 3600)}
    for n in range(3):
        assert ask(Client(REMOTE_ADDR=f"10.0.0.{n}"), "SS-2026-ZZZZZZ", "olena@example.com").url
    refused = ask(client, order.number, "OLENA@example.com")
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert mail.outbox == []  # the limit counts every request, whether an order matched


def test_one_client_asking_too_often_is_throttled(ask, order, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"order_find_client": (10, 3600)}
    client = Client()
    for n in range(10):
        assert ask(client, f"SS-2026-AAAAA{n}", f"guess{n}@example.com").status_code == 302
    assert ask(client, order.number, "olena@example.com").status_code == 429
    assert ask(Client(REMOTE_ADDR="10.9.9.9"), order.number, "olena@example.com").url == SENT


def test_a_mail_outage_is_not_an_error_page_and_logs_no_address_or_link(
    ask, client, order, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.support.mail.FailingEmailBackend"
    with caplog.at_level(logging.INFO):
        response = ask(client, order.number, "olena@example.com")
    assert response.status_code == 302 and response.url == SENT
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"order link e-mail for order {order.number} not sent (SMTPServerDisconnected)" in (
        logged
    )
    assert "olena@example.com" not in logged
    assert "/orders/link/" not in logged


def test_the_form_is_private_to_monitoring():
    """What is typed there (an e-mail address) never reaches Sentry in a request body."""
    assert registry.is_private_path(FIND)


def test_an_account_order_link_asks_its_owner_to_log_in(ask, client):
    from tests.accounts.factories import UserFactory

    owner = UserFactory.create(email="owner@example.com")
    order = OrderFactory.create(email="owner@example.com", user=owner)
    ask(client, order.number, "owner@example.com")
    [message] = mail.outbox
    assert "once you log in to your account" in message.body
    link = LINK.search(str(message.body))
    assert link is not None, message.body
    path = link.group(1)
    assert Client().get(path)["Location"].startswith(reverse("accounts:login"))
