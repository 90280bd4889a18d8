"""Production settings plus one bare view, for the load benchmark only (bench/run.py).

Under sentry-sdk 3.x (bench/run.py --sdk3: the "3.x" modes, which run the stock set-up or
none) two names `monitoring/` imports at start-up no longer exist: the logging integration's
`ignore_logger_for_sentry_logs` and `sentry_sdk.scrubber` (3.x replaces the EventScrubber with
the `data_collection` option). They are stubbed here, before the shop's settings import
anything, so the shop starts; our own set-up (monitoring.sentry's init) is never run on 3.x.
"""

import importlib.util
import sys
import types

import sentry_sdk

if sentry_sdk.VERSION.startswith("3."):
    from sentry_sdk.integrations import logging as _sentry_logging

    if not hasattr(_sentry_logging, "ignore_logger_for_sentry_logs"):
        _sentry_logging.ignore_logger_for_sentry_logs = lambda name: None
    if importlib.util.find_spec("sentry_sdk.scrubber") is None:
        scrubber = types.ModuleType("sentry_sdk.scrubber")
        scrubber.EventScrubber = type("EventScrubber", (), {})  # type: ignore[attr-defined]
        sys.modules["sentry_sdk.scrubber"] = scrubber

from smartshop.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
