"""The benchmark's "stock Sentry" mode: the shop with the Sentry set-up a typical Django project
ships, to compare ours against. For bench/run.py only.

Stock means what Sentry's Django guide puts in settings.py: `DjangoIntegration()` with its
defaults, `LoggingIntegration(INFO, ERROR)`, a flat `traces_sample_rate` — no scrubber, no
before_send hooks, no custom transport, no context middleware. Our own set-up stays off:
SENTRY_DSN is unset in this mode, so monitoring's `sentry_init` does nothing, and our context
middleware is taken out. The DSN comes from BENCH_STOCK_SENTRY_DSN instead.

What still runs from our code: the shop's `monitoring.api` calls (a "Started checkout"
breadcrumb on GET /checkout/), because they only ask whether a Sentry client is active. They
add one SDK breadcrumb, as any project's own `add_breadcrumb` calls would.
"""

import logging
import os

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from bench.settings import *  # noqa: F403
from bench.settings import MIDDLEWARE, SENTRY

if SENTRY.dsn:
    raise RuntimeError("bench.settings_stock: unset SENTRY_DSN, or our set-up starts as well")

MIDDLEWARE = [m for m in MIDDLEWARE if m != "monitoring.middleware.SentryContextMiddleware"]

# In settings.py, as Sentry's Django guide says: each gunicorn worker imports the settings
# after the fork (preload_app is off), so every worker starts its own client.
sentry_sdk.init(
    dsn=os.environ["BENCH_STOCK_SENTRY_DSN"],
    integrations=[
        DjangoIntegration(),
        LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
    ],
    traces_sample_rate=float(os.environ.get("BENCH_STOCK_TRACES_SAMPLE_RATE", "0.1")),
)
