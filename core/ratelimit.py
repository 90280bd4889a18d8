"""Cache-based rate limits: so many hits per fixed window, per key (an account or a client).

Counters live in the default cache: one shared Redis when REDIS_URL is set; otherwise each
process's own memory, so with N web workers a client gets up to N times the limit (still a
small number). `cache.add` + `cache.incr` are atomic in Redis and in locmem. Keys are hashed:
no e-mail address or IP address is stored in the cache in clear.
"""

import time
from dataclasses import dataclass
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache


class RateLimited(Exception):
    """Too many requests: answered with 429 by core.middleware.EdgeMiddleware."""

    def __init__(self, *, retry_after: int) -> None:
        super().__init__(f"rate limited; retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class RateLimit:
    """A named limit; its numbers are `settings.RATE_LIMITS[name]`: (hits, window seconds)."""

    name: str

    @property
    def numbers(self) -> tuple[int, int]:
        return settings.RATE_LIMITS[self.name]

    def _key(self, value: str) -> tuple[str, int]:
        _limit, window = self.numbers
        now = int(time.time())
        digest = sha256(f"{self.name}:{value}".encode()).hexdigest()[:32]
        return f"ratelimit:{self.name}:{digest}:{now // window}", window - now % window

    def check(self, value: str) -> None:
        """Raise RateLimited if `value` has used up this window's hits."""
        limit, _window = self.numbers
        key, retry_after = self._key(value)
        if (cache.get(key) or 0) >= limit:
            raise RateLimited(retry_after=retry_after)

    def hit(self, value: str) -> None:
        """Count one hit for `value`."""
        key, remaining = self._key(value)
        # add() creates the counter with this window's expiry only if it is missing.
        cache.add(key, 0, remaining + 1)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: start the new window
            cache.add(key, 1, self.numbers[1])

    def consume(self, value: str) -> None:
        """Check, then count: every call uses one hit."""
        self.check(value)
        self.hit(value)
