"""Monitoring configuration from the environment, validated at start-up.

Read by `smartshop.settings`. Every invalid value stops start-up with one line that names the
variable and the values it accepts (through `core.config.config_error`), never a traceback.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from core.config import config_error

PROJECT = "smartshop-ai"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
ENVIRONMENT_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True)
class SentryConfig:
    dsn: str | None
    environment: str
    release: str
    traces_sample_rate: float
    profile_session_sample_rate: float
    send_user_pii: bool
    # The shop's own origin (SITE_URL): the only place outgoing requests carry trace headers.
    own_origin: str = ""
    # The shopper's browser (`monitoring.browser`): the SDK served from our origin, on by
    # default whenever there is a DSN; Session Replay on errors only, off unless a rate is set;
    # envelopes through our own /_monitoring/tunnel/ when asked.
    browser_enabled: bool = True
    replay_on_error_rate: float = 0.0
    tunnel: bool = False

    @property
    def browser_on(self) -> bool:
        return bool(self.dsn) and self.browser_enabled


def _rate(environ: dict, name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        config_error(f"{name} must be a number from 0 to 1 (e.g. 0.1), not {raw!r}.")
    return value


def _bool(environ: dict, name: str, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in TRUE | FALSE:
        config_error(f"{name} must be true or false (also 1/0, yes/no, on/off), not {raw!r}.")
    return raw in TRUE


def _dsn(environ: dict) -> str | None:
    raw = environ.get("SENTRY_DSN", "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.username or not parts.hostname:
        config_error(
            "SENTRY_DSN must look like https://<public key>@<host>/<project id> "
            "(copy it from Sentry: Settings → Client Keys), or be unset to turn Sentry off."
        )
    if not parts.path.strip("/").split("/")[-1].isdigit():
        config_error("SENTRY_DSN must end with the numeric project id, e.g. .../4507123.")
    return raw


def _git_commit(base_dir: Path) -> str | None:
    """The checked-out commit, read from .git without running git (not always installed)."""
    git = base_dir / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head or None
        ref = head.removeprefix("ref: ")
        ref_file = git / ref
        if ref_file.is_file():
            return ref_file.read_text().strip() or None
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0]
    except OSError:
        return None
    return None


def _version(base_dir: Path) -> str:
    try:
        with (base_dir / "pyproject.toml").open("rb") as fh:
            return tomllib.load(fh)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0.0.0"


def release_default(environ: dict, base_dir: Path) -> str:
    commit = environ.get("RENDER_GIT_COMMIT", "").strip() or _git_commit(base_dir)
    if commit:
        return f"{PROJECT}@{commit[:12]}"
    return f"{PROJECT}@{_version(base_dir)}"


def sentry_config(environ: dict, *, base_dir: Path) -> SentryConfig:
    on_render = bool(environ.get("RENDER", "").strip())
    environment = environ.get("SENTRY_ENVIRONMENT", "").strip() or (
        "production" if on_render else "development"
    )
    if not ENVIRONMENT_NAME.match(environment) or environment.lower() == "none":
        config_error(
            "SENTRY_ENVIRONMENT must be 1-64 letters, digits, '.', '_' or '-' "
            f"(e.g. production, staging), not {environment!r}."
        )
    release = environ.get("SENTRY_RELEASE", "").strip() or release_default(environ, base_dir)
    if len(release) > 200 or "\n" in release or "/" in release:
        config_error("SENTRY_RELEASE must be one line of at most 200 characters without '/'.")
    return SentryConfig(
        dsn=_dsn(environ),
        environment=environment,
        release=release,
        traces_sample_rate=_rate(environ, "SENTRY_TRACES_SAMPLE_RATE", 0.1),
        profile_session_sample_rate=_rate(environ, "SENTRY_PROFILE_SESSION_SAMPLE_RATE", 0.0),
        send_user_pii=_bool(environ, "SENTRY_SEND_USER_PII", True),
        own_origin=_origin(environ),
        browser_enabled=_bool(environ, "SENTRY_BROWSER_ENABLED", True),
        replay_on_error_rate=_rate(environ, "SENTRY_REPLAY_ON_ERROR_RATE", 0.0),
        tunnel=_bool(environ, "SENTRY_TUNNEL", False),
    )


def _origin(environ: dict) -> str:
    """scheme://host[:port] of SITE_URL (else Render's RENDER_EXTERNAL_URL); "" when unset."""
    raw = environ.get("SITE_URL", "").strip() or environ.get("RENDER_EXTERNAL_URL", "").strip()
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def log_level(environ: dict) -> str:
    raw = environ.get("LOG_LEVEL", "").strip().upper() or "INFO"
    if raw not in LOG_LEVELS:
        config_error(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {raw!r}.")
    return raw
