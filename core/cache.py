"""Django's Redis cache, made so that Redis being down or slow never turns into an error page.

`ForgivingRedisCache`: while Redis cannot be reached, reads miss, writes and deletes are
skipped and rate limits let requests through, with one WARNING a minute; after a failure it
rests RETRY_EVERY seconds without touching the network. Any other Redis error (a wrong type,
say) is a bug and still raises. `sessions_outside_the_cache` (system check core.E001) refuses
a session engine that reads through this cache. Why skipping is safe (Redis holds the truth of
nothing): docs/edge.md, "Redis outage".
"""

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.core.checks import Error, register
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY = 60.0  # seconds between two warnings
RETRY_EVERY = 5.0  # seconds the cache rests after a failure before it tries Redis again
SESSION_ENGINES_IN_CACHE = frozenset(
    {"django.contrib.sessions.backends.cache", "django.contrib.sessions.backends.cached_db"}
)

T = TypeVar("T")


class ForgivingRedisCache(RedisCache):
    _warned_at = 0.0
    # Per Redis location (a process may have several caches): when to try it again.
    _resting_until: dict[str, float] = {}

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)

    def _outage(self, error: Exception) -> None:
        now = time.monotonic()
        ForgivingRedisCache._resting_until[self._location] = now + RETRY_EVERY
        if now - ForgivingRedisCache._warned_at >= WARN_EVERY:
            ForgivingRedisCache._warned_at = now
            # The error's class only: its text names the server's address.
            logger.warning("cache unavailable (%s): serving without it", type(error).__name__)

    def _forgiving(self, fallback: T, call: Callable[[], T]) -> T:
        if time.monotonic() < ForgivingRedisCache._resting_until.get(self._location, 0.0):
            return fallback
        try:
            return call()
        except OUTAGE as error:
            self._outage(error)
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._forgiving(default, partial(super().get, key, default, version))

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._forgiving({}, partial(super().get_many, keys, version))

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._forgiving(False, partial(super().has_key, key, version))

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        return self._forgiving(False, partial(super().add, key, value, timeout, version))

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        self._forgiving(None, partial(super().set, key, value, timeout, version))

    def set_many(self, data: Any, timeout: Any = None, version: int | None = None) -> list[Any]:
        return self._forgiving(list(data), partial(super().set_many, data, timeout, version))

    def touch(self, key: Any, timeout: Any = None, version: int | None = None) -> bool:
        return self._forgiving(False, partial(super().touch, key, timeout, version))

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._forgiving(False, partial(super().delete, key, version))

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._forgiving(None, partial(super().delete_many, keys, version))

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        value = self._forgiving(missing, partial(super().incr, key, delta, version))
        if value is missing:
            raise ValueError(f"Key {key!r} not found (cache unavailable)")
        return value  # type: ignore[return-value]


@register()
def sessions_outside_the_cache(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """core.E001: sessions must not be read through the forgiving cache (module docstring)."""
    backend = str(settings.CACHES.get(settings.SESSION_CACHE_ALIAS, {}).get("BACKEND", ""))
    if settings.SESSION_ENGINE in SESSION_ENGINES_IN_CACHE and backend.endswith(
        ".ForgivingRedisCache"
    ):
        return [
            Error(
                f"SESSION_ENGINE {settings.SESSION_ENGINE!r} reads sessions through "
                "core.cache.ForgivingRedisCache, which skips writes and deletes while Redis is "
                "down: a log-out or an emptied cart would come back when Redis answers again.",
                hint="Use django.contrib.sessions.backends.db (smartshop/settings.py).",
                id="core.E001",
            )
        ]
    return []
