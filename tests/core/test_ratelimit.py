"""Cache-based limits: the same behaviour with each process's memory and with a shared Redis."""

import socket
import uuid

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from core.ratelimit import RateLimit, RateLimited


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "core.cache.ForgivingRedisCache",  # as in production (REDIS_URL)
        "LOCATION": "redis://127.0.0.1:6379/0",
        # Keys of this run only: other runs share the server.
        "KEY_PREFIX": f"smartshop-test-{uuid.uuid4().hex[:8]}",
    },
}


@pytest.fixture(params=list(BACKENDS))
def limit(request, settings):
    if request.param == "redis" and not redis_up():
        pytest.skip("needs Redis on 127.0.0.1:6379 (the REDIS_URL production set-up)")
    settings.RATE_LIMITS = {"test": (3, 60)}
    with override_settings(CACHES={"default": BACKENDS[request.param]}):
        yield RateLimit("test")
        if request.param == "redis":
            cache = caches["default"]
            assert isinstance(cache, RedisCache)
            keys = cache._cache.get_client().keys(BACKENDS["redis"]["KEY_PREFIX"] + "*")
            assert keys, "the counters were not in Redis"
            cache._cache.get_client().delete(*keys)


def test_a_limit_allows_its_hits_then_refuses_until_the_window_ends(limit):
    with time_machine.travel(1_800_000_000, tick=False):
        for _ in range(3):
            limit.consume("client-a")
        with pytest.raises(RateLimited) as refused:
            limit.consume("client-a")
        assert 0 < refused.value.retry_after <= 60
        limit.consume("client-b")  # counted apart
    with time_machine.travel(1_800_000_061, tick=False):
        limit.consume("client-a")


def test_check_does_not_count_and_hit_does(limit):
    for _ in range(10):
        limit.check("client-c")
    for _ in range(3):
        limit.hit("client-c")
    with pytest.raises(RateLimited):
        limit.check("client-c")
