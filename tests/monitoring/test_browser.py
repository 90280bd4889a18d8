"""The browser SDK as the server serves it (monitoring/browser.py), checked over HTTP against
the live server with the real SDK sending to the local envelope receiver: the committed
bundles are the ones built, served from our own origin under the page's nonce, only with a
DSN; the page carries its own server transaction's trace; the 500 page's feedback reaches
Sentry linked to its event; the tunnel forwards our own envelopes only.
(In real Chromium: tests/e2e/test_browser_sentry.py.)"""

import hashlib
import json
import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import httpx
import pytest
import sentry_sdk

from monitoring.browser import BUNDLES, PLACEHOLDER, SDK_VERSION
from tests.accounts.factories import PASSWORD, UserFactory
from tests.monitoring.conftest import Browser, error_reference
from tests.shop.factories import ProductFactory
from tests.support.sentry_receiver import SentryReceiver

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "monitoring" / "static" / "monitoring" / "sentry"
BUILD = ROOT / "monitoring" / "browser"
META = re.compile(r'<meta name="(sentry-trace|baggage)" content="([^"]+)">')
SCRIPT = re.compile(r'<script defer nonce="([^"]+)" src="([^"]+)"></script>')


def test_the_committed_bundles_are_the_pinned_sdk_as_built():
    for name, digest in BUNDLES.items():
        data = (STATIC / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"{name} is not the file built"
    assert "MIT" in (STATIC / "LICENSE").read_text()
    assert f"@sentry/browser {SDK_VERSION}" in (STATIC / "sentry.min.js").read_text()[:200]
    package = json.loads((BUILD / "package.json").read_text())
    assert package["devDependencies"]["@sentry/browser"] == SDK_VERSION  # exact, no range
    lock = json.loads((BUILD / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/@sentry/browser"]["version"] == SDK_VERSION
    readme = (STATIC / "README.md").read_text()
    assert SDK_VERSION in readme and "npm run build" in readme


def test_the_bundle_makes_no_blob_worker():
    """Replay compresses in replay-worker.min.js from our origin: a blob: worker would need a
    CSP exception."""
    for name in ("sentry.min.js", "sentry-replay.min.js"):
        text = (STATIC / name).read_text()
        assert "createObjectURL" not in text, name


pytestmark = pytest.mark.django_db(transaction=True)


def page_tags(html: str) -> dict:
    meta = dict(META.findall(html))
    config = re.search(r'<meta name="sentry-browser-config" content="([^"]*)">', html)
    return {
        "meta": meta,
        "scripts": SCRIPT.findall(html),
        "config": json.loads(unescape(config.group(1))) if config else None,
    }


def test_with_sentry_off_not_one_byte_of_it_is_on_the_page(live_server, settings):
    assert settings.SENTRY.dsn is None
    ProductFactory.create(slug="lamp")
    browser = Browser(live_server.url)
    for url in ("/", "/products/lamp/", "/cart/", "/orders/find/"):
        response = browser.get(url)
        assert response.status_code == 200
        assert "sentry" not in response.text.lower(), url
        assert PLACEHOLDER.decode() not in response.text
        assert "ingest" not in response.headers["content-security-policy"]


def test_turned_off_with_a_dsn_the_page_has_none_of_it(live_server, sentry, settings):
    settings.SENTRY = replace(settings.SENTRY, browser_enabled=False)
    response = Browser(live_server.url).get("/")
    assert "sentry" not in response.text.lower()


def test_pages_carry_their_own_transactions_trace_and_the_sdk_under_the_nonce(live_server, sentry):
    ProductFactory.create(slug="lamp")
    seen = []
    for _ in range(2):  # the catalogue is cached whole for first-time visitors: twice
        browser = Browser(live_server.url)
        response = browser.get("/?q=lamp")
        tags = page_tags(response.text)
        nonce = re.search(r"'nonce-([^']+)'", response.headers["content-security-policy"])
        assert nonce, response.headers["content-security-policy"]
        assert [n for n, _src in tags["scripts"]] == [nonce.group(1)] * 2
        # No inline script of any kind: every <script> has a src.
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.text) == []
        assert [src for _n, src in tags["scripts"]] == [
            "/static/monitoring/sentry/sentry.min.js",
            "/static/monitoring/sentry-init.js",
        ]
        # The browser may send to the DSN's host, and nowhere else new.
        assert f"http://127.0.0.1:{sentry.port}" in response.headers["content-security-policy"]
        trace_id = tags["meta"]["sentry-trace"].split("-")[0]
        assert f"sentry-trace_id={trace_id}" in tags["meta"]["baggage"]
        config = tags["config"]
        assert config["route"] == "/"
        assert config["release"] == "smartshop-ai@test1234"
        assert config["environment"] == "test"
        assert config["tracesSampleRate"] == 1.0
        assert config["dsn"] == sentry.dsn
        assert "tunnel" not in config and config["replayOnErrorRate"] == 0
        seen.append(trace_id)
        for _nonce, src in tags["scripts"]:
            static = browser.get(src)
            assert static.status_code == 200 and "javascript" in static.headers["content-type"]
    assert seen[0] != seen[1], "a cached page served another request's trace"
    sentry_sdk.flush(timeout=5)
    catalogue = sentry.wait_for(
        lambda: [t for t in sentry.transactions() if t["transaction"] == "/"]
    )
    assert {t["contexts"]["trace"]["trace_id"] for t in catalogue} == set(seen)


def test_a_page_is_named_by_its_route_never_its_url(live_server, sentry):
    ProductFactory.create(slug="secret-lamp-4000056655665556")
    response = Browser(live_server.url).get("/products/secret-lamp-4000056655665556/?q=x")
    assert response.status_code == 200
    assert page_tags(response.text)["config"]["route"] == "/products/{slug}/"


def test_replay_serves_the_replay_bundle_and_opens_worker_src(live_server, sentry, settings):
    settings.SENTRY = replace(settings.SENTRY, replay_on_error_rate=0.5)
    response = Browser(live_server.url).get("/")
    tags = page_tags(response.text)
    assert tags["scripts"][0][1] == "/static/monitoring/sentry/sentry-replay.min.js"
    assert tags["config"]["replayWorker"] == "/static/monitoring/sentry/replay-worker.min.js"
    assert tags["config"]["replayOnErrorRate"] == 0.5
    policy = response.headers["content-security-policy"]
    assert "worker-src 'self'" in policy and "blob:" not in policy


# --- The 500 page's feedback -------------------------------------------------------------


def error_page(live_server) -> tuple[Browser, str, str]:
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    browser = Browser(live_server.url)
    browser.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    response = browser.get("/_monitoring/sentry-error/")
    assert response.status_code == 500
    reference = error_reference(response.text)
    assert reference, "the 500 page shows no reference"
    return browser, response.text, reference


def test_feedback_from_the_500_page_reaches_sentry_linked_to_its_event(live_server, sentry):
    browser, html, reference = error_page(live_server)
    assert reference
    assert 'action="/_monitoring/feedback/"' in html and "What were you doing?" in html
    form = {
        "event_id": reference,
        "language": "en",
        "message": "Paying with my card 4000 0566 5566 5556 cvv 737, then it broke",
        "email": "olena.feedback@example.com",
    }
    response = browser.post("/_monitoring/feedback/", form)
    assert response.status_code == 200
    assert "Thank you for telling us" in response.text
    assert reference in response.text
    [feedback] = sentry.wait_for(lambda: sentry.items("feedback"))
    context = feedback["contexts"]["feedback"]
    assert context["associated_event_id"] == reference
    assert context["message"] == "Paying with my card [Filtered] cvv [Filtered], then it broke"
    assert context["contact_email"] == "olena.feedback@example.com"  # PII on: promised
    assert feedback["release"] == "smartshop-ai@test1234"
    assert sentry.wait_for(lambda: [e for e in sentry.events() if e["event_id"] == reference])
    assert b"4000 0566" not in sentry.raw()


def test_feedback_with_pii_off_loses_the_email(live_server, receiver, sentry_start):
    sentry_start(receiver.dsn, send_user_pii=False)
    browser, _html, reference = error_page(live_server)
    form = {"event_id": reference, "language": "en", "message": "mail me at a.b@example.com"}
    form["email"] = "a.b@example.com"
    assert browser.post("/_monitoring/feedback/", form).status_code == 200
    [feedback] = receiver.wait_for(lambda: receiver.items("feedback"))
    assert b"a.b@example.com" not in receiver.raw()
    assert feedback["contexts"]["feedback"]["associated_event_id"] == reference


def test_feedback_is_thanked_in_ukrainian(live_server, sentry):
    browser, _html, reference = error_page(live_server)
    form = {"event_id": reference, "language": "uk", "message": "Оформлював замовлення"}
    response = browser.post("/_monitoring/feedback/", form)
    assert response.status_code == 200
    assert "Дякуємо" in response.text
    assert 'lang="uk"' in response.text


def test_empty_or_forged_feedback_is_a_400_with_the_form_again(live_server, sentry):
    browser, _html, reference = error_page(live_server)
    response = browser.post("/_monitoring/feedback/", {"event_id": reference, "language": "en"})
    assert response.status_code == 400
    assert "what you were doing" in response.text and reference in response.text
    forged = {"event_id": "<script>", "language": "xx", "message": "hi"}
    assert browser.post("/_monitoring/feedback/", forged).status_code == 400
    sentry_sdk.flush(timeout=3)
    assert sentry.items("feedback") == []


def test_feedback_is_rate_limited(live_server, sentry, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sentry_feedback_client": (2, 3600)}
    browser, _html, reference = error_page(live_server)
    form = {"event_id": reference, "language": "en", "message": "again"}
    codes = [browser.post("/_monitoring/feedback/", form).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_feedback_needs_the_csrf_token(live_server, sentry):
    response = httpx.post(
        f"{live_server.url}/_monitoring/feedback/",
        data={"event_id": "a" * 32, "language": "en", "message": "x"},
    )
    assert response.status_code == 403


# --- The tunnel ----------------------------------------------------------------------------


def envelope(dsn: str, message: str = "from the tunnel") -> bytes:
    header = json.dumps({"event_id": "b" * 32, "dsn": dsn})
    event = json.dumps({"event_id": "b" * 32, "message": message, "level": "error"})
    return f'{header}\n{{"type":"event"}}\n{event}\n'.encode()


def test_the_tunnel_forwards_our_own_envelopes_only(live_server, sentry, settings):
    settings.SENTRY = replace(settings.SENTRY, tunnel=True)
    page = Browser(live_server.url).get("/")
    assert page_tags(page.text)["config"]["tunnel"] == "/_monitoring/tunnel/"
    # The browser sends to our own origin: no new connect-src.
    assert f"127.0.0.1:{sentry.port}" not in page.headers["content-security-policy"]
    url = f"{live_server.url}/_monitoring/tunnel/"
    ours = httpx.post(url, content=envelope(sentry.dsn))  # no CSRF token: exempt here only
    assert ours.status_code == 200
    assert sentry.wait_for(
        lambda: [e for e in sentry.events() if e.get("message") == "from the tunnel"]
    )

    other = SentryReceiver().start()
    try:
        for dsn in (
            other.dsn,  # another Sentry: never an open relay
            sentry.dsn.replace("publickey", "otherkey"),
            sentry.dsn.replace("/42", "/43"),
            "",
        ):
            response = httpx.post(url, content=envelope(dsn, "relay me"))
            assert response.status_code == 400, dsn
        assert httpx.post(url, content=b"not an envelope").status_code == 400
        big = envelope(sentry.dsn, "x" * 210_000)
        assert httpx.post(url, content=big).status_code == 413
        sentry_sdk.flush(timeout=2)
        assert other.requests == 0
        assert not [e for e in sentry.events() if e.get("message") == "relay me"]
    finally:
        other.stop()


def test_the_tunnel_is_off_unless_asked_and_rate_limited(live_server, sentry, settings):
    url = f"{live_server.url}/_monitoring/tunnel/"
    assert httpx.post(url, content=envelope(sentry.dsn)).status_code == 404
    settings.SENTRY = replace(settings.SENTRY, tunnel=True)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sentry_tunnel_client": (2, 60)}
    codes = [httpx.post(url, content=envelope(sentry.dsn)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
