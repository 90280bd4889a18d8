"""The address a client is counted under by the rate limits (core/http.py), whatever the
client writes into X-Forwarded-For and however many proxies are configured or really there."""

import logging
import random
from typing import Any

import pytest
from django.test import Client, RequestFactory

from core.http import client_ip


def ip(forwarded: str | None, *, hops: int, settings, remote="10.0.0.2") -> str:
    settings.TRUSTED_PROXY_COUNT = hops
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("forwarded", "hops", "expected"),
    [
        # No proxies configured: the header is ignored, whatever it says.
        ("198.51.100.7", 0, "10.0.0.2"),
        # Render: Cloudflare's edge, then Render's proxy, each append what they saw.
        ("198.51.100.7, 104.16.0.1", 2, "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7, 104.16.0.1", 2, "198.51.100.7"),
        ("1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.7, 104.16.0.1", 2, "198.51.100.7"),
        # One proxy: the last entry.
        ("6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),
        # A shorter chain than configured: no entry is known to be a proxy's; the peer.
        ("198.51.100.7", 2, "10.0.0.2"),
        ("198.51.100.7, 104.16.0.1", 3, "10.0.0.2"),
        # Garbage where the address should be: the connecting address, never the garbage.
        ("not-an-ip, 104.16.0.1", 2, "10.0.0.2"),
        ("%00, 104.16.0.1", 2, "10.0.0.2"),
        ("", 2, "10.0.0.2"),
        (None, 2, "10.0.0.2"),
        (" , ,", 1, "10.0.0.2"),
        ("2001:db8::1, 104.16.0.1", 2, "2001:db8::1"),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_wrote(
    forwarded, hops, expected, settings
):
    assert ip(forwarded, hops=hops, settings=settings) == expected


def test_an_invalid_remote_address_is_never_returned(settings):
    assert ip(None, hops=0, settings=settings, remote="junk") == "0.0.0.0"  # noqa: S104


def test_render_gets_two_trusted_proxies_by_default_and_local_runs_none():
    from tests.deploy.support import production, settings_probe

    assert settings_probe("settings.TRUSTED_PROXY_COUNT", **production()) == 0
    assert settings_probe("settings.TRUSTED_PROXY_COUNT", **production(RENDER="true")) == 2
    assert (
        settings_probe(
            "settings.TRUSTED_PROXY_COUNT", **production(RENDER="true", TRUSTED_PROXY_COUNT="1")
        )
        == 1
    )


# --- a chain of real proxies, and a client that writes what it likes ----------------------
CLIENT = "198.51.100.23"
PROXIES = ["104.16.0.1", "10.1.0.1", "10.2.0.1"]  # outermost first


def through(real: int, sent: list[str]) -> dict[str, Any]:
    """What the app sees when a request from CLIENT, carrying X-Forwarded-For `sent` (empty:
    none), passes `real` proxies: each appends the address that connected to it."""
    chain = [CLIENT, *PROXIES][: real + 1]
    forwarded = sent + chain[:-1]
    meta = {"REMOTE_ADDR": chain[-1]}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = ", ".join(forwarded)
    return meta


def forged(n: int) -> list[str]:
    """A fresh made-up chain per request: 1 to 4 entries."""
    rng = random.Random(n)
    return [f"192.0.2.{rng.randrange(1, 255)}" for _ in range(rng.randrange(1, 5))] + [
        f"203.0.113.{n % 250}"
    ]


SETTINGS = [(configured, real) for configured in range(4) for real in range(4)]


@pytest.mark.parametrize(("configured", "real"), SETTINGS)
def test_a_rotating_forwarded_for_never_yields_a_fresh_address(configured, real, settings):
    """At every TRUSTED_PROXY_COUNT and every real number of proxies, once an ordinary visitor
    (no X-Forwarded-For of their own) has come through, a client that makes up a new chain per
    request is counted under one address, never one it wrote."""
    settings.TRUSTED_PROXY_COUNT = configured
    client_ip(RequestFactory().get("/", **through(real, [])))  # an ordinary visitor
    seen = {client_ip(RequestFactory().get("/", **through(real, forged(n)))) for n in range(60)}
    assert len(seen) == 1
    made_up = {entry for n in range(60) for entry in forged(n)}
    assert not seen & made_up
    if configured >= real:
        assert seen == {CLIENT}  # right, or too high and corrected by what it has seen


@pytest.mark.parametrize(("configured", "real"), [s for s in SETTINGS if s[0] <= s[1]])
def test_a_count_no_higher_than_the_real_one_is_never_fooled_even_by_the_first_request(
    configured, real, settings
):
    settings.TRUSTED_PROXY_COUNT = configured
    seen = {client_ip(RequestFactory().get("/", **through(real, forged(n)))) for n in range(60)}
    assert len(seen) == 1 and not seen & {e for n in range(60) for e in forged(n)}


def test_a_chain_shorter_than_configured_uses_the_peer_and_warns_once(settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 2  # but only one proxy in front (say Cloudflare was dropped)
    with caplog.at_level(logging.WARNING, logger="core.http"):
        for _ in range(5):
            assert client_ip(RequestFactory().get("/", **through(1, []))) == PROXIES[0]
        # From then on a made-up entry is not taken for the client: only one entry is trusted.
        assert client_ip(RequestFactory().get("/", **through(1, ["6.6.6.6"]))) == CLIENT
    warnings = [r for r in caplog.records if r.name == "core.http"]
    assert len(warnings) == 1
    assert "TRUSTED_PROXY_COUNT=2" in warnings[0].getMessage()
    assert CLIENT not in caplog.text and PROXIES[0] not in caplog.text  # no addresses logged


def test_every_request_teaches_the_real_count_before_any_limit_is_asked(settings, product):
    """The catalogue counts nothing, yet a browser's visit there is what shows the process the
    count is too high; a forger's order-number guesses after it all land on one counter."""
    settings.TRUSTED_PROXY_COUNT = 3
    browser = Client()
    assert browser.get("/", **through(1, [])).status_code == 200
    guesser = Client()
    statuses = [
        guesser.get(f"/orders/SS-2026-RT{n:04d}/", **through(1, forged(n))).status_code
        for n in range(21)
    ]
    assert statuses == [404] * 20 + [429]
