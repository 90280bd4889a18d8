"""Start and stop the real Sentry SDK in tests, pointed at a local envelope receiver."""

from dataclasses import replace

import sentry_sdk

from monitoring.config import SentryConfig

CONFIG = SentryConfig(
    dsn=None,
    environment="test",
    release="smartshop-ai@test1234",
    traces_sample_rate=1.0,
    profile_session_sample_rate=0.0,
    send_user_pii=True,
)


def sentry_reset() -> None:
    """Back to "no DSN": no active client, empty scopes."""
    client = sentry_sdk.get_client()
    if client.is_active():
        client.close(timeout=2)
    sentry_sdk.get_global_scope().set_client(None)
    sentry_sdk.get_isolation_scope().clear()
    sentry_sdk.get_current_scope().clear()


def sentry_config(dsn: str | None, **changes) -> SentryConfig:
    return replace(CONFIG, dsn=dsn, **changes)
