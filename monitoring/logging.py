"""One LOGGING dict: console output, JSON lines when DEBUG is off (what Render's log search
and any log drain read best). Log ids, never e-mails: the scrubber is a second line."""

import json
import logging
from datetime import UTC, datetime

from monitoring.scrubbing import scrub_text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
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
        return scrub_text(super().format(record), pii=False)


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
        },
    }
