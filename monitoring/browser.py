"""The shopper's browser as Sentry sees it: the SDK served from our own origin, one trace from
the click to the SQL span.

A page holds `PLACEHOLDER` in its <head> when the browser SDK is on
(`SentryConfig.browser_on`), and `SentryContextMiddleware` swaps it, per response, for
`browser_tags()`: this request's trace meta tags, the page's settings as JSON and the deferred
scripts under the CSP nonce. Swapped, not rendered, because whole pages are cached and a
cached trace id or nonce would be another request's. `csp_update()` opens only what the SDK
needs. The bundles are built from npm and committed, their SHA-256 in BUNDLES, checked by a
test. How it all fits: docs/monitoring.md, "The SDK, from our own origin".
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import sentry_sdk
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape

from monitoring.config import SentryConfig

PLACEHOLDER = b"<!-- monitoring:browser -->"
SDK_VERSION = "11.19.0"  # @sentry/browser, as pinned in monitoring/browser/package.json
# What monitoring/browser/build.mjs printed for the committed files.
BUNDLES = {
    "sentry.min.js": "b7fe17094f885498bba012c57ae449be795e6f50014c22d47a7ae1f63daa8868",
    "sentry-replay.min.js": "443b6376d93bf03ee1e46790e1c6b238030a881cd00b232182da26017d8928bc",
    "replay-worker.min.js": "79116dc8dc7ade1e74f857819f53b38d010f0af979b7a7cff4801b5673300d4c",
}
STATIC_DIR = "monitoring/sentry/"
INIT_SCRIPT = "monitoring/sentry-init.js"
# The name of pages that match no route (a 404): never their raw URL.
UNKNOWN_ROUTE = "<unknown>"
SETTINGS_META = "sentry-browser-config"


@dataclass(frozen=True)
class BrowserDsn:
    """The DSN as a browser may see it: scheme, public key, host, project. Never a secret key
    (old DSNs carry one after the public key)."""

    scheme: str
    public_key: str
    netloc: str  # host[:port]
    path: str  # "/[prefix/]<project id>"

    @classmethod
    def parse(cls, dsn: str) -> "BrowserDsn":
        parts = urlsplit(dsn)
        host = parts.netloc.rpartition("@")[2]
        return cls(parts.scheme, parts.username or "", host, parts.path.rstrip("/"))

    @property
    def public(self) -> str:
        return f"{self.scheme}://{self.public_key}@{self.netloc}{self.path}"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    @property
    def project_id(self) -> str:
        return self.path.rpartition("/")[2]

    @property
    def envelope_url(self) -> str:
        prefix = self.path.rpartition("/")[0]
        return f"{self.origin}{prefix}/api/{self.project_id}/envelope/"


def page_settings(config: SentryConfig, *, route: str) -> dict:
    """What sentry-init.js reads: the same release, environment and sample rate as the server."""
    settings = {
        "dsn": BrowserDsn.parse(config.dsn or "").public,
        "release": config.release,
        "environment": config.environment,
        "tracesSampleRate": config.traces_sample_rate,
        "route": route,
        "replayOnErrorRate": config.replay_on_error_rate,
    }
    if config.replay_on_error_rate:
        settings["replayWorker"] = static(STATIC_DIR + "replay-worker.min.js")
    if config.tunnel:
        settings["tunnel"] = reverse("monitoring_tunnel")
    return settings


def _settings_meta(data: dict) -> str:
    # An attribute, not a <script> data block: the page keeps no inline script of any kind.
    text = json.dumps(data, separators=(",", ":"))
    return f'<meta name="{SETTINGS_META}" content="{escape(text)}">'


def browser_tags(config: SentryConfig, *, route: str, nonce: str) -> str:
    """The <head> tags for one response (see the module's docstring)."""
    bundle = "sentry-replay.min.js" if config.replay_on_error_rate else "sentry.min.js"
    tags = []
    if (trace := sentry_sdk.get_traceparent()) is not None:
        tags.append(f'<meta name="sentry-trace" content="{escape(trace)}">')
    if baggage := sentry_sdk.get_baggage():
        tags.append(f'<meta name="baggage" content="{escape(baggage)}">')
    tags.append(_settings_meta(page_settings(config, route=route)))
    for src in (static(STATIC_DIR + bundle), static(INIT_SCRIPT)):
        tags.append(f'<script defer nonce="{escape(nonce)}" src="{escape(src)}"></script>')
    return "\n  ".join(tags)


def csp_update(config: SentryConfig) -> dict[str, list[str]]:
    """What the page's Content-Security-Policy must add for the browser SDK."""
    update: dict[str, list[str]] = {}
    if config.dsn and not config.tunnel:
        update["connect-src"] = [BrowserDsn.parse(config.dsn).origin]
    if config.replay_on_error_rate:
        update["worker-src"] = ["'self'"]
    return update


def response_with_browser_tags(
    request: HttpRequest, response: HttpResponse, config: SentryConfig, route: str
) -> HttpResponse:
    """Swap the placeholder of an HTML response for this request's tags (in place)."""
    if (
        getattr(response, "streaming", False)
        or "html" not in response.get("Content-Type", "")
        or PLACEHOLDER not in response.content
    ):
        return response
    nonce = str(getattr(request, "csp_nonce", ""))
    tags = browser_tags(config, route=route, nonce=nonce).encode()
    response.content = response.content.replace(PLACEHOLDER, tags, 1)
    update = csp_update(config)
    if update:
        previous = getattr(response, "_csp_update", None) or {}
        # django-csp's own attribute (its decorators set it the same way); not in the stubs.
        response._csp_update = {**previous, **update}  # type: ignore[attr-defined]
    return response
