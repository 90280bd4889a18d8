"""Leaks found by probing with planted secrets, each checked on the wire: the real SDK sends to
the local envelope receiver, and not one planted byte may arrive, with user PII off and on.

The Redis test needs REDIS_URL (the Redis cache; sessions stay in the database): .ci/run sets
it for the PostgreSQL run; without it the test is skipped, saying so."""

import json
import re
from decimal import Decimal

import pytest
import sentry_sdk
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from tests.accounts.factories import PASSWORD, UserFactory
from tests.monitoring.conftest import Browser
from tests.monitoring.leak_urls import STRIPE
from tests.monitoring.test_scrubbing import encoded_card
from tests.monitoring.test_sentry_e2e import exploding_gateway, walk_to_review  # noqa: F401
from tests.shop.conftest import ADDRESS
from tests.shop.factories import ProductFactory
from tests.support.process import settings_code
from tests.support.text import match_in
from tests.support.two_factor import sign_in_with_code

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=[False, True], ids=["pii-off", "pii-on"])
def pii(request, receiver, sentry_start):
    sentry_start(receiver.dsn, send_user_pii=request.param)
    return request.param


@pytest.fixture
def staff_browser(live_server):
    b = Browser(live_server.url)
    yield b
    b.close()


def delivered(receiver) -> bytes:
    sentry_sdk.flush(timeout=5)
    receiver.wait_for(receiver.transactions)
    return receiver.raw()


def leaked(raw: bytes, planted) -> list[str]:
    """The planted values found in what was sent; a number only as a whole one (a postcode
    such as 14027 is not in a timestamp such as 1796514027.3)."""
    return [
        value
        for value in planted
        if value and re.search(rb"(?<!\d)" + re.escape(value.encode()) + rb"(?!\d)", raw)
    ]


def cookies(browser: Browser) -> list[str]:
    return [cookie.value for cookie in browser.http.cookies.jar if cookie.value]


@pytest.mark.skipif(
    not settings.REDIS_URL,
    reason="needs REDIS_URL (the Redis cache): .ci/run sets it for PostgreSQL",
)
def test_session_ids_never_reach_sentry_through_redis(pii, receiver, browser, staff_browser):
    """With REDIS_URL, the cache is Redis and sessions are read from the database. Shoppers' and
    staff's session ids (before and after log-in) must not appear anywhere: not in Redis spans,
    their `redis.key` tags or Redis breadcrumbs, nor in the session queries' spans."""
    seen = set()
    product = ProductFactory.create(stock=5)
    browser.get("/")
    browser.post(f"/cart/add/{product.pk}/", {"quantity": 1})
    seen.update(cookies(browser))
    shopper = UserFactory.create()
    browser.post("/accounts/login/", {"username": shopper.email, "password": PASSWORD})
    browser.get("/cart/")
    seen.update(cookies(browser))
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    sign_in_with_code(staff_browser, staff, PASSWORD)
    staff_browser.get("/admin/")
    seen.update(cookies(staff_browser))
    assert staff_browser.get("/_monitoring/sentry-error/").status_code == 500
    browser.post("/accounts/logout/")

    raw = delivered(receiver)
    receiver.wait_for(receiver.events)
    redis_spans = [s for t in receiver.transactions() for s in t["spans"] if s["op"] == "db.redis"]
    assert redis_spans, "no Redis spans: is REDIS_URL really in use?"
    spans = [s for t in receiver.transactions() for s in t["spans"]]
    assert any("django_session" in s.get("description", "") for s in spans)
    assert len([v for v in seen if len(v) >= 32]) >= 3  # session ids and CSRF tokens
    assert leaked(raw, seen) == []


def test_card_data_stripe_keys_and_cvv_synonyms_never_reach_sentry(
    pii, receiver, browser, settings
):
    settings.ROOT_URLCONF = "tests.monitoring.leak_urls"
    form = {
        "security_code": "8531",
        "csc": "7412",
        "cvv2": "9630",
        "card_code": "8520",
        "cvn": "7410",
        "quantity": "2",
    }
    response = browser.post(
        "/_test/careless/?state=paid&profile_session_sample_rate=0.5",
        form,
        headers={"X-Stripe-Key": STRIPE["secret"]},
    )
    assert response.status_code == 500
    body = {"ref": 4242424242424242, "card": {"number": 5555555555554444}, "qty": 2}
    response = browser.http.post(
        "/_test/careless/",
        content=json.dumps(body),
        headers={"Content-Type": "application/json", "X-CSRFToken": browser.cookie("csrftoken")},
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)
    events = receiver.wait_for(lambda: len(receiver.events()) >= 2 and receiver.events())
    raw = delivered(receiver)

    planted = [*STRIPE.values(), "4242424242424242", "5555555555554444"]
    planted += [f'"{key}": "{value}"' for key, value in form.items() if key != "quantity"]
    assert leaked(raw, planted) == []
    form_event, json_event = sorted(events, key=lambda e: "query_string" not in e["request"])
    assert form_event["request"]["data"] == {
        **dict.fromkeys(form, "[Filtered]"),
        "csrfmiddlewaretoken": "[Filtered]",
        "quantity": "2",
    }
    assert json_event["request"]["data"]["qty"] == 2
    # What helps debugging stays: the query string's harmless values, the error's type.
    assert form_event["request"]["query_string"] == "state=paid&profile_session_sample_rate=0.5"
    assert form_event["exception"]["values"][-1]["type"] == "RuntimeError"


def test_the_projects_own_secrets_never_reach_sentry_under_any_name(receiver):
    """Settings hand monitoring the configured secrets (MONITORING_SECRETS); they are removed by
    value from log messages, exception messages, frame variables and URLs. A fresh interpreter
    with production-like environment variables, as Render starts the app."""
    planted = {
        "SECRET_KEY": "plantedSECRETkey-0123456789abcdefghijklmnopqrstuvwxyz",
        "OPENAI_API_KEY": "sk-plantedOPENAIkey0123456789abcdef",
        "STRIPE_SECRET_KEY": "sk_live_plantedSTRIPEsecret0123456789",
        "STRIPE_WEBHOOK_SECRET": "whsec_plantedWEBHOOKsecret0123456789",
        "DB_PASSWORD": "plantedDBpass-Q7W8E9",
        "DSN_SECRET": "plantedDSNsecret0123456789",
        "DSN_KEY": "plantedDSNkey0123456789",
    }
    env = {
        "SECRET_KEY": planted["SECRET_KEY"],
        "OPENAI_API_KEY": planted["OPENAI_API_KEY"],
        "STRIPE_SECRET_KEY": planted["STRIPE_SECRET_KEY"],
        "STRIPE_WEBHOOK_SECRET": planted["STRIPE_WEBHOOK_SECRET"],
        "DATABASE_URL": f"postgres://shop:{planted['DB_PASSWORD']}@127.0.0.1:1/shop",
        "SENTRY_DSN": (
            f"http://{planted['DSN_KEY']}:{planted['DSN_SECRET']}@127.0.0.1:{receiver.port}/42"
        ),
        "SENTRY_SEND_USER_PII": "false",
    }
    code = """
import logging, os, sentry_sdk
from monitoring import api
values = {k: v for k, v in os.environ.items() if k in ("SECRET_KEY", "OPENAI_API_KEY",
          "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")}
password = settings.DATABASES["default"]["PASSWORD"]
logging.getLogger("shop").warning("login to the database with %s failed", password)
logging.getLogger("shop").error("config: %s", " ".join(values.values()))
def connect(config):
    harmless = config["SECRET_KEY"]
    url = "https://api.example/?k=" + config["STRIPE_SECRET_KEY"]
    raise ConnectionError("refused: " + config["OPENAI_API_KEY"] + " " + url)
try:
    connect(values)
except ConnectionError:
    sentry_sdk.capture_exception()
sentry_sdk.capture_message("dsn " + os.environ["SENTRY_DSN"])
api.flush(5)
print("sent")
"""
    result = settings_code(code, **env)
    assert "sent" in result.stdout, result.stderr
    raw = receiver.wait_for(lambda: len(receiver.events()) >= 3 and receiver.raw())
    assert len(receiver.events()) >= 3  # the error log, the exception, the message
    assert receiver.items("log")  # the warning, as a Sentry log
    assert leaked(raw, planted.values()) == []
    assert b"[Filtered]" in raw


def test_a_secret_setting_added_after_the_hand_over_is_scrubbed_too():
    code = (
        "from monitoring.scrubbing import scrub_text; "
        "print(scrub_text('signed with ' + settings.PAYMENT_WEBHOOK_SECRET, pii=True))"
    )
    result = settings_code(code, DJANGO_SETTINGS_MODULE="tests.monitoring.late_secret_settings")
    assert result.stdout.strip() == "signed with [Filtered]", result.stderr


def test_pii_off_sends_no_name_phone_address_or_email(
    receiver,
    sentry_start,
    browser,
    exploding_gateway,  # noqa: F811
):
    """Checkout review pages are always traced and their template-render spans carry the
    template context; a 500 carries frame variables. With PII off, none of what the shopper
    typed, nor their account's name or e-mail, may arrive: the user id only."""
    sentry_start(receiver.dsn, send_user_pii=False)
    user = UserFactory.create(
        email="olena.k@example.com", first_name="Olenka", last_name="Kovalenko"
    )
    browser.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    product = ProductFactory.create(price=Decimal("19.99"), stock=10)
    address = {
        **ADDRESS,
        "full_name": "Marusia Chaika",
        "phone": "+380 67 765 4321",
        "address_line1": "17 Zankovetska Lane",
        "address_line2": "Flat 9B",
        "city": "Chernihiv",
        "postcode": "14027",
    }
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 2}).status_code == 302
    assert browser.post("/checkout/", {**address, "email": user.email}).status_code == 302
    assert browser.post("/checkout/delivery/", {"method": "standard"}).status_code == 302
    review = browser.get("/checkout/review/")
    assert review.status_code == 200
    token = match_in(r'name="checkout_token" value="([^"]+)"', review.text).group(1)
    reviewed = match_in(r'name="review" value="([^"]+)"', review.text).group(1)
    form = {"checkout_token": token, "review": reviewed, "payment_method": "demo"}
    assert browser.post("/checkout/review/", form).status_code == 500

    raw = delivered(receiver)
    [error] = receiver.wait_for(lambda: [e for e in receiver.events() if e.get("level") == "error"])
    review = [
        t
        for t in receiver.transactions()
        if t["transaction"] == "/checkout/review/" and t["request"]["method"] == "GET"
    ]
    spans = [s for s in review[0]["spans"] if s["op"] == "template.render"]
    assert spans and "context" in spans[0]["data"]  # the data is there, cleaned
    personal = [
        "Marusia",
        "Chaika",
        "765 4321",
        "Zankovetska",
        "Flat 9B",
        "Chernihiv",
        "14027",
        "olena.k@example.com",
        "olena.k%40example.com",
        "Olenka",
        "Kovalenko",
    ]
    assert leaked(raw, personal) == []
    assert error["user"] == {"id": str(user.pk)}
    assert "vars" in error["exception"]["values"][-1]["stacktrace"]["frames"][-1]


def test_pii_on_sends_the_users_email(receiver, sentry_start, browser):
    sentry_start(receiver.dsn, send_user_pii=True)
    staff = UserFactory.create(email="boss.person@example.com", is_staff=True, is_superuser=True)
    browser.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    browser.get("/_monitoring/sentry-error/")
    [event] = receiver.wait_for(receiver.events)
    assert event["user"]["email"] == "boss.person@example.com"
    assert event["user"]["id"] == str(staff.pk)


def test_what_helps_debugging_is_not_scrubbed(pii, receiver, browser):
    browser.get("/cart/?state=paid&profile_session_sample_rate=0.5&page=2")
    sentry_sdk.flush(timeout=5)
    [cart] = receiver.wait_for(
        lambda: [t for t in receiver.transactions() if t["transaction"] == "/cart/"]
    )
    assert cart["request"]["query_string"] == ("state=paid&profile_session_sample_rate=0.5&page=2")
    assert re.search(r"state=paid", cart["request"]["url"] + "?" + cart["request"]["query_string"])


def test_find_my_order_sends_neither_the_address_typed_nor_the_link(
    pii, receiver, browser, settings
):
    """ "Find my order" takes an e-mail address (a private form: its body never goes, PII on
    or off) and e-mails a signed order link (a token URL) from a task traced as
    `send_order_link`. A failed send is an error event naming the order only, although the
    mail server's error quotes the recipient."""
    from shop.orders.links import order_link_url
    from tests.shop.factories import OrderFactory

    order = OrderFactory.create(email="marusia.find@example.com")
    token = order_link_url(order=order).rstrip("/").rsplit("/", 1)[-1]
    form = {"number": order.number, "email": "marusia.find@example.com"}
    assert browser.post("/orders/find/", form).status_code == 302
    settings.EMAIL_BACKEND = "tests.support.mail.FailingEmailBackend"
    assert browser.post("/orders/find/", form).status_code == 302

    raw = delivered(receiver)
    [error] = receiver.wait_for(lambda: [e for e in receiver.events() if e.get("level") == "error"])
    assert order.number in json.dumps(error)
    names = [t["transaction"] for t in receiver.transactions()]
    assert "send_order_link" in names and "/orders/find/" in names
    assert leaked(raw, [token, "marusia.find@example.com", "marusia.find%40example.com"]) == []


CARDS = ("4000056655665556", "5555555555554444", "4242424242424242")


def card_digits_left(raw: bytes) -> list[str]:
    """The planted card numbers still readable in `raw`, whatever separates their digits."""
    text = raw.decode("utf-8", "replace")
    for separator in ("%20", "%2B", "+", " ", "_", "-"):
        text = text.replace(separator, "")
    return [number for number in CARDS if number in text]


def test_card_numbers_typed_in_a_search_or_a_note_never_reach_sentry(
    pii, receiver, browser, staff_browser, settings
):
    """Found on the wire: a card number after `+`, `%20` or `_`, or split into groups by
    `%20`, in a query string or form value, from a shopper and from staff, reached a
    transaction's query string, a template span and an error event. And "cvv 737" in a note."""
    settings.ROOT_URLCONF = "tests.monitoring.leak_urls"
    ProductFactory.create(name="Visa gift card")
    assert browser.get("/?q=visa+4000056655665556").status_code == 200
    assert browser.get("/?q=4000%200566%205566%205556&sort=new").status_code == 200
    assert browser.get("/?q=card_5555555555554444").status_code == 200
    note = {"note": "my card 5555555555554444 cvv 737", "quantity": "1"}
    assert browser.post("/_test/careless/?q=visa%204242424242424242", note).status_code == 500
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    sign_in_with_code(staff_browser, staff, PASSWORD)
    assert staff_browser.get("/admin/shop/order/?q=visa+4000056655665556").status_code == 200

    raw = delivered(receiver)
    [error] = receiver.wait_for(lambda: [e for e in receiver.events() if e.get("level") == "error"])
    catalogue = [t for t in receiver.transactions() if t["transaction"] == "/"]
    assert len(catalogue) >= 2
    spans = [s for t in catalogue for s in t["spans"] if s["op"] == "template.render"]
    assert any("context" in s.get("data", {}) for s in spans)  # the span's context did go
    assert card_digits_left(raw) == []
    assert not re.search(rb"cvv(\W|%20){0,3}737", raw)
    # What the shopper searched for stays readable around the number.
    assert catalogue[0]["request"]["query_string"] == "q=visa+[Filtered]"
    assert error["request"]["data"]["note"] == "my card [Filtered] cvv [Filtered]"


def test_pii_on_sends_the_email_but_never_name_phone_or_address(
    receiver,
    sentry_start,
    browser,
):
    """SENTRY_SEND_USER_PII=true promises the e-mail address and IP, nothing more: the checkout
    pages' template spans carry the address form's context, which must arrive without them."""
    sentry_start(receiver.dsn, send_user_pii=True)
    user = UserFactory.create(
        email="olena.on@example.com", first_name="Olenka", last_name="Kovalenko"
    )
    browser.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    product = ProductFactory.create(price=Decimal("19.99"), stock=10)
    address = {
        **ADDRESS,
        "full_name": "Marusia Chaika",
        "phone": "+380 67 765 4321",
        "address_line1": "17 Zankovetska Lane",
        "address_line2": "Flat 9B",
        "city": "Chernihiv",
        "postcode": "14027",
    }
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 2}).status_code == 302
    assert browser.post("/checkout/", {**address, "email": user.email}).status_code == 302
    assert browser.post("/checkout/delivery/", {"method": "standard"}).status_code == 302
    assert browser.get("/checkout/review/").status_code == 200
    assert browser.get("/checkout/").status_code == 200

    raw = delivered(receiver)
    review = [t for t in receiver.transactions() if t["transaction"] == "/checkout/review/"]
    spans = [s for s in review[0]["spans"] if s["op"] == "template.render"]
    assert spans and "context" in spans[0]["data"]
    personal = [
        "Marusia",
        "Chaika",
        "765 4321",
        "Zankovetska",
        "Flat 9B",
        "Chernihiv",
        "14027",
        "Olenka",
        "Kovalenko",
    ]
    assert leaked(raw, personal) == []
    assert review[0]["user"]["email"] == "olena.on@example.com"


@hypothesis_settings(deadline=None, suppress_health_check=list(HealthCheck))
@given(case=encoded_card())
def test_property_no_encoding_of_a_card_number_reaches_sentry(case, sentry, live_server):
    """However a query string carries a card number (`+`, `%20`, `%2B`, `_`, `-`, groups), the
    real SDK's transaction for that request arrives without it: on the wire."""
    url, number = case
    before = len(sentry.envelopes)
    with Browser(live_server.url) as browser:
        assert browser.get(url).status_code == 200
    sentry_sdk.flush(timeout=5)
    sentry.wait_for(lambda: len(sentry.envelopes) > before)
    raw = b"".join(e.raw for e in sentry.envelopes[before:]).decode("utf-8", "replace")
    assert number not in re.sub(r"%20|%2B|[ +_-]", "", raw), url
