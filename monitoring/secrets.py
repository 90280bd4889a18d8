"""The project's own secrets, found in its settings and environment, for the scrubber to remove
by value wherever they turn up (a SECRET_KEY in an exception message, a database password in a
connection error, an API key in a frame variable).

`smartshop.settings` hands them over as its last step (`MONITORING_SECRETS`); monitoring
registers them when it starts. Found without a list to keep up to date:
- every setting and environment variable named like a secret: SECRET_KEY (and its fallbacks),
  OPENAI_API_KEY, EMAIL_HOST_PASSWORD, object storage's AWS_SECRET_ACCESS_KEY (also inside
  STORAGES' options, as `secret_key`), STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET;
- passwords inside DATABASES, CACHES locations and any URL-valued setting or variable
  (DATABASE_URL, REDIS_URL, EMAIL_URL);
- the Sentry DSN's public key and secret.
No Django imports: the settings call this before Django is set up.
"""

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

# A name holds a secret when it ends like one: SECRET_KEY, OPENAI_API_KEY, EMAIL_HOST_PASSWORD,
# STRIPE_WEBHOOK_SECRET, SENTRY_DSN, DATABASES' PASSWORD. Not CSRF_TRUSTED_ORIGINS,
# AUTH_USER_MODEL, PASSWORD_HASHERS or the shell's PWD, whose values are ordinary text.
SECRET_ENDINGS = frozenset(
    {"key", "keys", "secret", "secrets", "password", "passwd", "token", "tokens", "dsn"}
)


def is_secret_name(name: str) -> bool:
    words = name.lower().replace("-", "_").split("_")
    return words[-1] in SECRET_ENDINGS or words[-2:] == ["key", "fallbacks"]


def _url_secrets(value: str) -> Iterator[str]:
    if "://" not in value:
        return
    try:
        parts = urlsplit(value)
    except ValueError:
        return
    yield from (s for s in (parts.password,) if s)


def _values(name: str, value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if is_secret_name(name):
            yield value
        yield from _url_secrets(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _values(str(key), item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(name, item)
    elif hasattr(value, "dsn") and isinstance(value.dsn, str):  # monitoring.config.SentryConfig
        yield from _dsn_keys(value.dsn)


def _dsn_keys(dsn: str) -> Iterator[str]:
    parts = urlsplit(dsn)
    yield from (s for s in (parts.username, parts.password) if s)


def configured_secrets(settings: Mapping[str, Any], environ: Mapping[str, str]) -> list[str]:
    """Secret values among `settings` (a settings module's globals: upper-case names only)
    and `environ`, each once, longest first."""
    found: set[str] = set()
    for name, value in settings.items():
        if name.isupper():
            found.update(_values(name, value))
    for name, value in environ.items():
        found.update(_values(name, value))
    return sorted(filter(None, found), key=lambda s: (-len(s), s))
