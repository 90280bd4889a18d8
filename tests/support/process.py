"""Run the project in a fresh interpreter, as an operator or Render would start it: only PATH,
HOME and LANG from this environment, plus what the test names."""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def clean_env(**env: str) -> dict[str, str]:
    """PATH, HOME and LANG from here, the project's settings module, and `env`."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    return clean | {"DJANGO_SETTINGS_MODULE": "smartshop.settings"} | env


TIMEOUT_SECONDS = 120


def python(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`python ARGS` in the project folder; settings from `smartshop.settings`."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def settings_code(body: str, **env: str) -> subprocess.CompletedProcess:
    """Run `body` after django.setup(), with `settings` and `json` imported."""
    setup = "import json, django; from django.conf import settings; django.setup(); "
    return python("-c", setup + body, **env)


def free_port() -> int:
    """A local TCP port nothing listens on (for a server to start on, or to be refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
