"""Start-up configuration, checked in a fresh interpreter as an operator would see it."""

import json
from pathlib import Path

from tests.support.process import settings_code

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'debug': settings.DEBUG, 'engine': db['ENGINE'], 'name': str(db['NAME']), "
    "'hosts': settings.ALLOWED_HOSTS, 'csrf': settings.CSRF_TRUSTED_ORIGINS, "
    "'email': settings.EMAIL_BACKEND}))"
)


def start(**env: str):
    return settings_code(PROBE, **env)


def test_no_environment_means_local_development():
    result = start()
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["debug"] is True
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["name"].endswith("db.sqlite3")
    assert config["email"] == "django.core.mail.backends.console.EmailBackend"
    assert "127.0.0.1" in config["hosts"]


def test_database_url_switches_to_postgresql():
    result = start(DATABASE_URL="postgres://shop:pw@db.example.com:5432/smartshop")
    config = json.loads(result.stdout)
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["name"] == "smartshop"


def test_without_debug_a_missing_secret_key_stops_start_up_with_one_line():
    result = start(DEBUG="false")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr


def test_allowed_hosts_come_from_the_environment_plus_render_hostname():
    result = start(
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="shop.example.com",
        RENDER_EXTERNAL_HOSTNAME="smartshop.onrender.com",
    )
    config = json.loads(result.stdout)
    assert config["debug"] is False
    assert config["hosts"] == ["shop.example.com", "smartshop.onrender.com"]
    assert config["csrf"] == ["https://smartshop.onrender.com"]


def test_render_turns_debug_off_by_default():
    result = start(RENDER="true", SECRET_KEY="x" * 50)
    assert json.loads(result.stdout)["debug"] is False


def test_email_goes_over_smtp_when_configured():
    result = start(EMAIL_URL="smtp+tls://user:secret@smtp.example.com:587")
    assert json.loads(result.stdout)["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_every_environment_variable_is_documented_in_env_example():
    import re

    settings_source = (ROOT / "smartshop" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no environment variables found in settings"
    assert read <= documented, f"undocumented: {sorted(read - documented)}"
