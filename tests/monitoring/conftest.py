import re
from dataclasses import replace

import httpx
import pytest
import sentry_sdk

from monitoring.config import SentryConfig
from monitoring.sentry import sentry_init
from tests.support.sentry_receiver import SentryReceiver

CONFIG = SentryConfig(
    dsn=None,
    environment="test",
    release="smartshop-ai@test1234",
    traces_sample_rate=1.0,
    profile_session_sample_rate=0.0,
    send_user_pii=True,
)


def sentry_reset() -> None:
    client = sentry_sdk.get_client()
    if client.is_active():
        client.close(timeout=2)
    sentry_sdk.get_global_scope().set_client(None)
    sentry_sdk.get_isolation_scope().clear()
    sentry_sdk.get_current_scope().clear()


@pytest.fixture
def receiver():
    server = SentryReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def sentry_start(settings):
    """Start the real SDK with our configuration, pointed at a DSN; reset it afterwards."""

    def start(dsn: str, **changes):
        sdk_options = changes.pop("sdk_options", {})
        config = replace(CONFIG, dsn=dsn, **changes)
        settings.SENTRY = config
        sentry_reset()
        sentry_init(config, **sdk_options)
        return config

    yield start
    sentry_reset()


@pytest.fixture
def sentry(receiver, sentry_start):
    sentry_start(receiver.dsn)
    return receiver


class Browser:
    """A shopper's browser against the live server: cookies, CSRF tokens, no redirects."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, follow_redirects=False, timeout=15)

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.http.get(url, **kwargs)

    def post(self, url: str, data: dict | None = None, **kwargs) -> httpx.Response:
        if "csrftoken" not in self.http.cookies:
            self.get("/accounts/login/")
        form = {"csrfmiddlewaretoken": self.http.cookies["csrftoken"], **(data or {})}
        return self.http.post(url, data=form, **kwargs)

    def cookie(self, name: str) -> str:
        return self.http.cookies[name]

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def browser(live_server):
    b = Browser(live_server.url)
    yield b
    b.close()


def error_reference(html: str) -> str | None:
    match = re.search(r'data-testid="error-reference">([0-9a-f]{32})<', html)
    return match.group(1) if match else None
