"""Helpers shared by the deploy tests: render.yaml as data, and a fresh-interpreter probe of the
settings (production settings are decided at import time, so they are read in a subprocess)."""

import json
import re
from pathlib import Path

import yaml

from tests.support.process import settings_code

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = "s" * 20 + "-production-like-secret-key-for-tests-0123456789"


def blueprint() -> dict:
    return yaml.safe_load((ROOT / "render.yaml").read_text())


def services() -> list[dict]:
    """The services that run the project's code (web, worker, cron), not Key Value."""
    return [s for s in blueprint()["services"] if s["type"] != "keyvalue"]


def key_values() -> list[dict]:
    return [s for s in blueprint()["services"] if s["type"] == "keyvalue"]


def service_env(service: dict) -> dict[str, dict]:
    """The env var entries a service gets: its groups' first, then its own (which win)."""
    groups = {g["name"]: g for g in blueprint().get("envVarGroups", [])}
    entries: dict[str, dict] = {}
    for item in service.get("envVars", []):
        if "fromGroup" in item:
            for entry in groups[item["fromGroup"]]["envVars"]:
                entries[entry["key"]] = entry
    for item in service.get("envVars", []):
        if "key" in item:
            entries[item["key"]] = item
    return entries


def commands(service: dict) -> list[str]:
    """Every shell command a service runs, split at `&&`."""
    fields = ("buildCommand", "preDeployCommand", "startCommand")
    return [
        part.strip()
        for field in fields
        if service.get(field)
        for part in service[field].split("&&")
    ]


def settings_probe(expression: str, **env: str):
    """Evaluate `expression` (Python, with `settings` in scope) in a fresh interpreter."""
    result = settings_code(f"print(json.dumps({expression}, default=str))", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production(**env: str) -> dict:
    return {"DEBUG": "false", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "shop.example.com"} | env


_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def inline_code(html: str) -> list[str]:
    """What a strict CSP (no 'unsafe-inline') would block: <style> blocks, style="" attributes
    and inline scripts. JSON data blocks (ld+json) are never executed, so they pass."""
    found = _STYLE.findall(html)
    for attrs in _SCRIPT.findall(html):
        if "src=" not in attrs and "application/ld+json" not in attrs:
            found.append(f"<script{attrs}>")
    found += re.findall(r"\son[a-z]+\s*=|javascript:", html, re.I)
    return found
