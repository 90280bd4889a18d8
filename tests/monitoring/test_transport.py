"""The circuit breaker in our transport (monitoring/transport.py): its states on a fake clock,
one log line per state change, and that it extends the SDK only where the SDK invites it."""

import logging
import time

import pytest
import sentry_sdk
from sentry_sdk.transport import HttpTransport

from monitoring.transport import (
    CLOSED,
    DROP,
    HALF_OPEN,
    OPEN,
    SEND,
    TRIAL,
    CircuitBreaker,
    CircuitBreakerTransport,
    is_failure,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def breaker(clock):
    return CircuitBreaker(clock=clock)


@pytest.fixture
def lines(caplog):
    caplog.set_level(logging.INFO, logger="monitoring.transport")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "monitoring.transport"]


def open_it(breaker, clock) -> None:
    for _ in range(3):
        breaker.failure("status_500")
        clock.now += 0.1


def test_three_failures_in_a_minute_pause_sending_and_drops_are_counted(breaker, clock, lines):
    breaker.failure("network")
    breaker.failure("network")
    assert breaker.admit() == SEND
    breaker.failure("network")
    assert breaker.state == OPEN
    assert [breaker.admit() for _ in range(5)] == [DROP] * 5
    assert breaker.dropped == 5
    assert lines() == [
        "Sentry unreachable (3 sends failed, network): sending paused for 1 s; envelopes are "
        "dropped and counted meanwhile (0 so far)"
    ]


def test_failures_spread_over_more_than_a_minute_do_not_pause(breaker, clock, lines):
    for _ in range(5):
        breaker.failure("status_503")
        clock.now += 31
    assert breaker.state == CLOSED
    assert lines() == []


def test_after_the_pause_one_trial_goes_and_the_rest_wait(breaker, clock):
    open_it(breaker, clock)
    clock.now += 1.0
    assert breaker.admit() == TRIAL
    assert breaker.state == HALF_OPEN
    assert breaker.admit() == DROP
    assert breaker.admit(report=True) == SEND  # the SDK's client report rides with the trial


def test_a_failed_trial_doubles_the_pause_up_to_five_minutes(breaker, clock, lines):
    open_it(breaker, clock)
    pauses = []
    for _ in range(12):
        clock.now += breaker.pause
        assert breaker.admit() == TRIAL
        breaker.failure("network")
        pauses.append(breaker.pause)
    assert pauses == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300]
    # One line per state change: paused, then (trial, paused again) for each trial.
    assert len(lines()) == 1 + 2 * 12
    assert lines()[1].startswith("Sentry pause over: sending one trial envelope")
    assert lines()[2].startswith("Sentry unreachable (the trial failed, network)")


def test_a_successful_trial_resumes_sending_and_says_what_was_lost(breaker, clock, lines):
    open_it(breaker, clock)
    for _ in range(7):
        breaker.admit()
    clock.now += 1.0
    assert breaker.admit() == TRIAL
    breaker.success()
    assert breaker.state == CLOSED
    assert breaker.admit() == SEND
    assert lines()[-1] == (
        "Sentry reachable again: sending resumed after 1.1 s paused; 7 envelope(s) dropped"
    )
    assert len(lines()) == 3


def wait_while_trying(breaker) -> None:
    deadline = time.monotonic() + 5
    while breaker.state == HALF_OPEN and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_trial_the_rate_limiter_held_back_waits_longer(receiver, sentry_start, lines):
    """Sentry answered 429 with Retry-After: the SDK's rate limiter holds every envelope back
    until then without touching the network, and a trial it held back counts as failed."""
    receiver.mode = "rate_limited"
    receiver.retry_after = 30
    sentry_start(receiver.dsn)
    transport = sentry_sdk.get_client().transport
    assert isinstance(transport, CircuitBreakerTransport)
    breaker = transport.breaker
    for _ in range(3):
        breaker.failure("status_429")
    breaker.pause, breaker._reopen_at = 1.0, 0.0  # as if the first pause were over
    sentry_sdk.capture_message("first trial")  # goes out, answered 429 (Retry-After: 30)
    wait_while_trying(breaker)
    assert (breaker.state, breaker.pause, receiver.requests) == (OPEN, 2, 1)
    breaker._reopen_at = 0.0
    sentry_sdk.capture_message("second trial")  # held back by the SDK: Retry-After lasts
    wait_while_trying(breaker)
    assert (breaker.state, breaker.pause, receiver.requests) == (OPEN, 4, 1)
    assert "held back by Sentry's rate limit" in lines()[-1]


def test_which_dropped_reasons_count_as_failures():
    for reason in ("network", "status_500", "status_502", "status_503", "status_429"):
        assert is_failure(reason), reason
    for reason in ("status_413", "full_queue", "self_rate_limits", "status_400"):
        assert not is_failure(reason), reason


def test_the_transport_overrides_no_private_sdk_method():
    """Only the SDK's public extension points: capture_envelope, on_dropped_event,
    record_lost_event, is_healthy (and the TIMEOUT constant). `_handle_response` is gone."""
    ours = set(vars(CircuitBreakerTransport))
    sdk = {name for cls in HttpTransport.__mro__ for name in vars(cls)}
    ours -= {"_abc_impl"}  # ABCMeta's own bookkeeping, in every subclass
    overridden = sorted(name for name in ours & sdk if not name.startswith("__"))
    assert overridden == [
        "TIMEOUT",
        "capture_envelope",
        "is_healthy",
        "on_dropped_event",
        "record_lost_event",
    ]
