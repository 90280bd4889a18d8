"""Browser envelopes through our own origin (`/_monitoring/tunnel/`), so an ad-blocker that
blocks Sentry's host does not hide shoppers' errors. On only with SENTRY_TUNNEL=true.

Never an open relay: an envelope goes on only when its header names our own DSN (public key,
host and project), and only to that DSN's envelope endpoint; anything else is refused without a
request leaving the server. Bodies are capped (`MAX_BYTES`) and clients rate-limited (the view).
"""

import json
from dataclasses import dataclass

import urllib3

from monitoring.browser import BrowserDsn

MAX_BYTES = 200 * 1024
TIMEOUT = urllib3.Timeout(connect=2.0, read=5.0)
_pool = urllib3.PoolManager(retries=False, timeout=TIMEOUT)


class EnvelopeRefused(Exception):
    """Not forwarded: `status` and a short reason for the browser."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Forwarded:
    status: int


def envelope_dsn(body: bytes) -> BrowserDsn:
    """The DSN an envelope's first line names; EnvelopeRefused when there is none."""
    header_line = body.split(b"\n", 1)[0]
    try:
        header = json.loads(header_line)
    except ValueError:
        raise EnvelopeRefused(400, "not an envelope") from None
    dsn = header.get("dsn") if isinstance(header, dict) else None
    if not isinstance(dsn, str) or not dsn:
        raise EnvelopeRefused(400, "the envelope names no DSN")
    return BrowserDsn.parse(dsn)


def envelope_forward(*, body: bytes, own_dsn: str) -> Forwarded:
    """Forward `body` to our Sentry project if it is an envelope for `own_dsn`."""
    if len(body) > MAX_BYTES:
        raise EnvelopeRefused(413, "envelope too large")
    ours = BrowserDsn.parse(own_dsn)
    theirs = envelope_dsn(body)
    if (theirs.public_key, theirs.netloc, theirs.path) != (ours.public_key, ours.netloc, ours.path):
        raise EnvelopeRefused(400, "not this shop's DSN")
    try:
        response = _pool.request(
            "POST",
            ours.envelope_url,
            body=body,
            headers={"Content-Type": "application/x-sentry-envelope"},
        )
    except urllib3.exceptions.HTTPError:
        raise EnvelopeRefused(502, "Sentry unreachable") from None
    return Forwarded(status=response.status)
