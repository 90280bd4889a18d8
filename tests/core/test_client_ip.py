"""The address a client is counted under by the rate limits (core/http.py)."""

import pytest
from django.test import RequestFactory

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
        # A shorter chain than configured: the leftmost is all there is.
        ("198.51.100.7", 2, "198.51.100.7"),
        # Garbage where the address should be: the connecting address, never the garbage.
        ("not-an-ip, 104.16.0.1", 2, "10.0.0.2"),
        ("%00, 104.16.0.1", 2, "10.0.0.2"),
        ("", 2, "10.0.0.2"),
        (None, 2, "10.0.0.2"),
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
