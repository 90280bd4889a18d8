"""Redis keys in Redis spans and breadcrumbs, reduced to what they are for.

A key names itself in the span's description, its `redis.key` tag and the Redis breadcrumb. A
session read through the cache (cached_db, should the session engine ever be switched back to
it) names `:1:django.contrib.sessions.cached_db<session id>`, and a session id is a log-in. So
any key keeps its namespace only (`:1:catalogue:[Filtered]`): a cache key that embeds a
session id, an e-mail or a token is covered too. Pure functions, no Django.
"""

import re
from typing import Any

from monitoring.keys import FILTERED

_QUOTED = re.compile(r"'([^']*)'")
_DJANGO_CACHE_VERSION = re.compile(r"(:\d+:)(.*)", re.S)
# A namespace is a word: ids, hashes and tokens have digits and never are one.
_NAMESPACE = re.compile(r"[A-Za-z_][A-Za-z_.-]{0,40}")
# Django's cached session keys: the prefix followed directly by the session id.
_SESSION_CACHE_PREFIXES = ("django.contrib.sessions.cached_db", "django.contrib.sessions.cache")


def redis_key_shape(key: str) -> str:
    """What a Redis key is for, without what it names: `:1:catalogue:[Filtered]`."""
    version, rest = "", key
    if match := _DJANGO_CACHE_VERSION.fullmatch(key):
        version, rest = match.groups()
    for prefix in _SESSION_CACHE_PREFIXES:
        if rest.startswith(prefix):
            return version + prefix + (FILTERED if rest != prefix else "")
    head, sep, _tail = rest.partition(":")
    if not _NAMESPACE.fullmatch(head):
        return version + FILTERED
    return version + head + (":" + FILTERED if sep else "")


def _redis_text(text: str) -> str:
    return _QUOTED.sub(lambda m: f"'{redis_key_shape(m.group(1))}'", text)


def _redis_values(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return redis_key_shape(value) if key.endswith("key") else _redis_text(value)
    if isinstance(value, dict):
        return {k: _redis_values(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redis_values(v) for v in value]
    return value


def redis_item(item: dict, text_field: str) -> None:
    """A Redis span (`description`) or breadcrumb (`message`): keys reduced to their shape."""
    text = item.get(text_field)
    if isinstance(text, str):
        if item.get("op", "").startswith("cache."):
            item[text_field] = ", ".join(redis_key_shape(k) for k in text.split(", "))
        else:
            item[text_field] = _redis_text(text)
    for field in ("tags", "data"):
        if isinstance(item.get(field), dict):
            item[field] = _redis_values(item[field])


def is_redis_span(span: Any) -> bool:
    op = span.get("op") if isinstance(span, dict) else None
    return isinstance(op, str) and op.startswith(("db.redis", "cache."))


def is_redis_crumb(crumb: Any) -> bool:
    return isinstance(crumb, dict) and "redis" in (crumb.get("category"), crumb.get("type"))
