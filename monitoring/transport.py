"""The SDK's HTTP transport behind a circuit breaker, so a Sentry outage costs shoppers nothing.

After repeated failed sends, sending pauses for a back-off window that doubles after each failed
trial (up to `CircuitBreaker.max_pause`); what arrives meanwhile is dropped before any work is done
and recorded as lost (`record_lost_event`); after the window one trial envelope goes, and when it
gets through sending resumes. Each state change is one log line on `monitoring.transport`. Built on
the SDK's public extension points only (`sentry_sdk.transport`): `capture_envelope`,
`on_dropped_event` (the failure signal), `flush` and `is_healthy`. Rate limits stay the SDK's own.
Numbers and tests: docs/monitoring.md, "When Sentry is down".
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sentry_sdk.transport import HttpTransport

if TYPE_CHECKING:
    from sentry_sdk.envelope import Envelope, Item
    from sentry_sdk.types import EventDataCategory

logger = logging.getLogger(__name__)

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"
SEND, TRIAL, DROP = "send", "trial", "drop"


def is_failure(reason: str) -> bool:
    """A dropped-event reason that says Sentry did not take the envelope."""
    return reason == "network" or reason == "status_429" or reason.startswith("status_5")


@dataclass
class CircuitBreaker:
    """Closed (sending) → open (paused) after `threshold` failures within `window` seconds;
    open → half-open (one trial) when the pause is over; half-open → closed on success, or open
    again with the pause doubled (up to `max_pause`). The clock is injected for tests."""

    threshold: int = 3
    window: float = 60.0
    first_pause: float = 1.0
    max_pause: float = 300.0
    clock: Callable[[], float] = time.monotonic
    state: str = CLOSED
    pause: float = 0.0
    dropped: int = 0
    _failures: list[float] = field(default_factory=list)
    _reopen_at: float = 0.0
    _opened_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def admit(self, *, report: bool = False) -> str:
        """What to do with the envelope at hand: send it, send it as the trial, or drop it.
        A client report (the SDK's count of lost envelopes) rides along with a trial."""
        if self.state == CLOSED:  # the common case, without the lock
            return SEND
        with self._lock:
            if self.state == CLOSED or (report and self.state == HALF_OPEN):
                return SEND
            if self.state == OPEN and self.clock() >= self._reopen_at:
                line = self._change(
                    HALF_OPEN,
                    f"Sentry pause over: sending one trial envelope ({self.dropped} dropped "
                    "so far)",
                )
                verdict = TRIAL
            else:
                self.dropped += 1
                return DROP
        self._log(line)
        return verdict

    def failure(self, reason: str) -> None:
        line = None
        with self._lock:
            now = self.clock()
            if self.state == CLOSED:
                self._failures = [t for t in self._failures if now - t < self.window] + [now]
                if len(self._failures) >= self.threshold:
                    self._failures.clear()
                    self._opened_at = now
                    self.dropped = 0
                    why = f"{self.threshold} sends failed, {reason}"
                    line = self._open(now, self.first_pause, why)
            elif self.state == HALF_OPEN:
                pause = min(self.pause * 2, self.max_pause)
                line = self._open(now, pause, f"the trial failed, {reason}")
            # OPEN: envelopes queued before the pause failing too; nothing new.
        self._log(line)

    def success(self) -> None:
        line = None
        with self._lock:
            if self.state == HALF_OPEN:
                paused = self.clock() - self._opened_at
                line = self._change(
                    CLOSED,
                    f"Sentry reachable again: sending resumed after {paused:.1f} s paused; "
                    f"{self.dropped} envelope(s) dropped",
                )
                self.pause = 0.0
        self._log(line)

    def _open(self, now: float, pause: float, why: str) -> tuple[int, str]:
        self.pause, self._reopen_at = pause, now + pause
        return self._change(
            OPEN,
            f"Sentry unreachable ({why}): sending paused for {pause:g} s; envelopes are "
            f"dropped and counted meanwhile ({self.dropped} so far)",
        )

    def _change(self, state: str, message: str) -> tuple[int, str]:
        self.state = state
        return logging.INFO if state == HALF_OPEN else logging.WARNING, message

    @staticmethod
    def _log(line: tuple[int, str] | None) -> None:
        # After the lock is released: a log handler may itself send to Sentry.
        if line is not None:
            logger.log(*line)


class _QuietRetries(logging.Filter):
    """urllib3 warns on every retry ("Retrying … /api/42/envelope/"); during an outage that is
    thousands of lines. The breaker's own lines say it once."""

    paths: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(path in message for path in self.paths)


_quiet_retries = _QuietRetries()


class CircuitBreakerTransport(HttpTransport):
    # Seconds per HTTP attempt (the SDK's default is 30): a hung ingest server ties up the
    # sending thread for at most this long per envelope.
    TIMEOUT = 5

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        self.breaker = CircuitBreaker()
        self.failures_seen = 0
        self.last_failure: str | None = None
        self._rate_limited = False
        if self.parsed_dsn is not None:  # always, with our config: the client has a DSN
            _QuietRetries.paths.add(urlsplit(self.parsed_dsn.to_auth().get_api_url()).path)
        retries_logger = logging.getLogger("urllib3.connectionpool")
        if _quiet_retries not in retries_logger.filters:
            retries_logger.addFilter(_quiet_retries)

    def capture_envelope(self, envelope: "Envelope") -> None:
        report = all(item.type == "client_report" for item in envelope.items)
        verdict = self.breaker.admit(report=report)
        if verdict == DROP:
            self.failures_seen += 1
            self.last_failure = "paused"
            for item in envelope.items:
                self.record_lost_event("network_error", item=item)
            return
        super().capture_envelope(envelope)
        if verdict == TRIAL:
            threading.Thread(
                target=self._judge_trial, name="sentry-circuit-trial", daemon=True
            ).start()

    def _judge_trial(self) -> None:
        """Wait for the trial to be sent; no failure reported meanwhile means it got through."""
        self._rate_limited = False
        timeout = 2.0 * self.TIMEOUT
        started = time.monotonic()
        self.flush(timeout)
        if self.breaker.state != HALF_OPEN:
            return  # on_dropped_event reported the trial failed
        if time.monotonic() - started >= timeout:
            self.breaker.failure("no answer")
        elif self._rate_limited:
            self.breaker.failure("held back by Sentry's rate limit (Retry-After)")
        else:
            self.breaker.success()

    def on_dropped_event(self, reason: str) -> None:
        if is_failure(reason):
            self.failures_seen += 1
            self.last_failure = reason
            self.breaker.failure(reason)

    def record_lost_event(
        self,
        reason: str,
        data_category: "EventDataCategory | None" = None,
        item: "Item | None" = None,
        *,
        quantity: int = 1,
    ) -> None:
        if reason == "ratelimit_backoff":
            self._rate_limited = True
        super().record_lost_event(reason, data_category, item, quantity=quantity)

    def is_healthy(self) -> bool:
        return self.breaker.state == CLOSED and super().is_healthy()
