"""One LOGGING dict: console output, JSON lines when DEBUG is off (what Render's log search
and any log drain read best). Log ids, never e-mails: the scrubber is a second line."""

import json
import logging
from datetime import UTC, datetime

from monitoring.scrubbing import scrub_text


def _token_urls_known() -> None:
    # The URLs whose parameters are tokens, as soon as the apps are ready.
    from monitoring.registry import resolve_quietly

    resolve_quietly()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        _token_urls_known()
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub_text(record.getMessage(), pii=False),
        }
        if record.exc_info:
            entry["exc"] = scrub_text(self.formatException(record.exc_info), pii=False)
        return json.dumps(entry, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        _token_urls_known()
        return scrub_text(super().format(record), pii=False)


class AsWarning(logging.Filter):
    """A bad Host header (DisallowedHost) is a scanner's, not a bug: Django logs it as an
    error; here it is a warning line, and Sentry ignores the logger (monitoring/sentry.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class SessionSaveFailures(logging.Filter):
    """A session that cannot be saved because the database failed: Django answers 400
    ("session interrupted") and logs a warning on django.request, a logger Sentry ignores, so
    the outage would go unseen. Send the database error itself to Sentry as an error. (A
    session deleted by a concurrent log-out fails the same way with a plain DatabaseError,
    "Forced update did not affect any rows": that one is not a failure.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        error = _session_save_cause(record.exc_info[1] if record.exc_info else None)
        if error is not None:
            import sentry_sdk  # not at import time: settings import this module

            with sentry_sdk.new_scope() as scope:
                scope.set_level("error")
                scope.set_tag("session_save", "failed")
                sentry_sdk.capture_exception(error)
        return True


def _session_save_cause(error: BaseException | None) -> BaseException | None:
    from django.contrib.sessions.exceptions import SessionInterrupted
    from django.db import DatabaseError

    if not isinstance(error, SessionInterrupted):
        return None
    cause = error.__cause__ or error.__context__
    while cause is not None:
        if isinstance(cause, DatabaseError) and type(cause) is not DatabaseError:
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


def logging_config(*, level: str, json_lines: bool) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": JsonFormatter},
            "plain": {
                "()": PlainFormatter,
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            },
        },
        "filters": {
            "as_warning": {"()": AsWarning},
            "session_save_failures": {"()": SessionSaveFailures},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_lines else "plain",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django logs each 4xx as a warning with the path; keep them, they are ids only.
            "django.server": {"level": "INFO"},
            "sentry_sdk.errors": {"level": "WARNING"},
            "django.security.DisallowedHost": {"filters": ["as_warning"]},
            "django.request": {"filters": ["session_save_failures"]},
        },
    }
