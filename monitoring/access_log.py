"""gunicorn's access and error logs, with the same privacy promise as Sentry events.

An access line carries the request line (path and query string) and the Referer: exactly where
password-reset links, signed order links and `?token=` values live. `ScrubbingLogger` runs every
value the access-log format prints through `monitoring.scrubbing.scrub_text` (PII off: e-mail
addresses go too), and its error-log lines as well (gunicorn quotes bad request lines there).

Used by gunicorn.conf.py as `logger_class`; imports neither Django nor the Sentry SDK.
"""

import logging
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from gunicorn.glogging import Logger

from monitoring.scrubbing import FILTERED, is_sensitive_key, scrub_text

if TYPE_CHECKING:
    from gunicorn.config import Config
    from gunicorn.http.message import Request
    from gunicorn.http.wsgi import Response

_ATOM = re.compile(r"%\(([^)]+)\)")


def scrub_atoms(atoms: dict, keys: set[str]) -> dict:
    """Scrub, in place, the atoms a log format uses. Header and environ atoms (`{name}i`,
    `{name}o`, `{name}e`) whose name is sensitive (Cookie, Authorization, …) are dropped whole."""
    for key in keys & atoms.keys():
        value = atoms[key]
        if not isinstance(value, str):
            continue
        if key.startswith("{") and is_sensitive_key(key[1:].rpartition("}")[0]):
            atoms[key] = FILTERED
        else:
            atoms[key] = scrub_text(value, pii=False)
    return atoms


class _ScrubMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub_text(record.getMessage(), pii=False)
        record.args = None
        return True


class ScrubbingLogger(Logger):
    def setup(self, cfg: "Config") -> None:
        super().setup(cfg)
        keys = {
            key.lower() if key.startswith("{") else key
            for key in _ATOM.findall(cfg.access_log_format)
        }
        self._atom_keys = keys
        if not any(isinstance(f, _ScrubMessages) for f in self.error_log.filters):
            self.error_log.addFilter(_ScrubMessages())

    def atoms(
        self, resp: "Response", req: "Request", environ: dict[str, Any], request_time: timedelta
    ) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return scrub_atoms(atoms, self._atom_keys)
