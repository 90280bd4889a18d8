"""Django's Redis cache, made so that Redis being down or slow never turns into an error page.

Everything the shop keeps in the cache can be done without it: pages and products are read
from the database again, rate limits let requests through (they count again when Redis is
back), and `cached_db` sessions already fall back to the database. So while Redis cannot be
reached, reads miss and writes are skipped, and one WARNING a minute says so (not one per
request). Any other Redis error (a wrong type, say) is a bug and still raises.

Deleting is not forgiven: a log-out (or the new session key of a log-in) deletes the cached
session, and if that delete were skipped, the session could come back to life from Redis
once Redis answers again. So those fail loudly during an outage, as with Django's own cache.
"""

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY = 60.0  # seconds


class ForgivingRedisCache(RedisCache):
    _warned_at = 0.0

    def _outage(self, error: Exception) -> None:
        now = time.monotonic()
        if now - ForgivingRedisCache._warned_at >= WARN_EVERY:
            ForgivingRedisCache._warned_at = now
            # The error's class only: its text names the server's address.
            logger.warning("cache unavailable (%s): serving without it", type(error).__name__)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except OUTAGE as error:
            self._outage(error)
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except OUTAGE as error:
            self._outage(error)
            return {}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except OUTAGE as error:
            self._outage(error)
            return False

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except OUTAGE as error:
            self._outage(error)
            return False

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except OUTAGE as error:
            self._outage(error)

    def set_many(self, data: Any, timeout: Any = None, version: int | None = None) -> list[Any]:
        try:
            return super().set_many(data, timeout, version)
        except OUTAGE as error:
            self._outage(error)
            return list(data)

    def touch(self, key: Any, timeout: Any = None, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except OUTAGE as error:
            self._outage(error)
            return False

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            return super().incr(key, delta, version)
        except OUTAGE as error:
            self._outage(error)
            raise ValueError(f"Key {key!r} not found (cache unavailable)") from error
