"""gunicorn.conf.py, loaded the way gunicorn loads it: port and workers from the environment,
timeouts that fit Render, access lines without tokens, Sentry flushed when a worker exits."""

import runpy
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sentry_sdk
from gunicorn.config import Config

from monitoring.access_log import ScrubbingLogger
from tests.deploy.support import ROOT

CONF = ROOT / "gunicorn.conf.py"


def load(monkeypatch, **env: str) -> Config:
    """What gunicorn does with `-c gunicorn.conf.py`: run the file, keep the known settings."""
    for name in ("PORT", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    cfg = Config()
    for key, value in runpy.run_path(str(CONF)).items():
        if key in cfg.settings:
            cfg.set(key, value)
    return cfg


def test_it_listens_on_renders_port_with_workers_from_web_concurrency(monkeypatch):
    cfg = load(monkeypatch, PORT="12345", WEB_CONCURRENCY="5")
    assert cfg.bind == ["0.0.0.0:12345"]
    assert cfg.workers == 5


def test_defaults_suit_a_small_render_instance(monkeypatch):
    cfg = load(monkeypatch)
    assert cfg.bind == ["0.0.0.0:10000"]  # Render's default PORT
    assert cfg.workers == 2
    assert cfg.worker_class_str == "sync"
    assert cfg.timeout == 30
    # In-flight requests finish before Render's 30 s shutdown grace period ends.
    assert cfg.graceful_timeout == 25
    assert cfg.keepalive == 5
    assert cfg.max_requests > 0 and 0 < cfg.max_requests_jitter < cfg.max_requests
    assert cfg.preload_app is False
    assert cfg.accesslog == "-"
    assert cfg.logger_class is ScrubbingLogger


def access_line(cfg: Config, capsys, *, uri: str, referer: str = "-") -> str:
    logger = ScrubbingLogger(cfg)
    path, _, query = uri.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Mozilla/5.0",
        "HTTP_COOKIE": "sessionid=abc",
        "REMOTE_ADDR": "10.0.0.9",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=abc"), ("USER-AGENT", "Mozilla/5.0")])
    capsys.readouterr()
    logger.access(response, request, environ, timedelta(milliseconds=42))
    return capsys.readouterr().out


def test_access_lines_never_carry_reset_tokens_or_query_secrets(monkeypatch, capsys):
    cfg = load(monkeypatch)
    line = access_line(
        cfg,
        capsys,
        uri="/accounts/reset/MQ/abc-123/?token=x&q=alice@example.com&page=2",
        referer="https://shop.example.com/orders/link/s1gned-T0ken/",
    )
    assert line.startswith('"GET /accounts/reset/[Filtered]/[Filtered]/?token=[Filtered]')
    assert "page=2" in line  # harmless parameters stay readable
    assert "abc-123" not in line and "token=x" not in line
    assert "alice@example.com" not in line
    assert "s1gned-T0ken" not in line
    assert '" 200 1234 42ms "' in line


@pytest.mark.parametrize(
    "uri",
    [
        "/?q=visa+4000056655665556",
        "/en/?q=visa%204000056655665556&page=2",
        "/?q=4000%200566%205566%205556",
        "/?note=my+card+5555555555554444",
        "/?q=card_5555555555554444",
    ],
)
def test_access_lines_never_carry_a_card_number_however_it_is_encoded(monkeypatch, capsys, uri):
    """Found in the access log: a shopper who searched for their card number."""
    cfg = load(monkeypatch)
    line = access_line(cfg, capsys, uri=uri, referer=f"https://shop.example.com{uri}")
    digits = "".join(ch for ch in line.replace("%20", " ") if ch.isdigit())
    assert "4000056655665556" not in digits and "5555555555554444" not in digits, line
    assert line.count("[Filtered]") == 2  # the request line and the Referer


def test_an_operator_logging_headers_still_gets_no_cookies(monkeypatch, capsys):
    cfg = load(monkeypatch)
    cfg.set("access_log_format", "%(U)s %({cookie}i)s %({user-agent}i)s %({query_string}e)s")
    line = access_line(cfg, capsys, uri="/cart/?key=k3y")
    assert line.strip() == "/cart/ [Filtered] Mozilla/5.0 key=[Filtered]"


def test_error_log_lines_are_scrubbed_too(monkeypatch, capsys):
    cfg = load(monkeypatch)
    logger = ScrubbingLogger(cfg)
    capsys.readouterr()
    logger.error("Invalid request line: %r", "GET /accounts/reset/MQ/abc-123/?token=x HTTP/1.1")
    output = capsys.readouterr().err
    assert "abc-123" not in output and "token=x" not in output
    assert "/accounts/reset/[Filtered]/[Filtered]/?token=[Filtered]" in output


@pytest.mark.parametrize("hook", ["worker_exit", "worker_abort"])
def test_a_worker_that_exits_flushes_sentry_first(hook, sentry, monkeypatch):
    """Events captured just before a worker stops still reach Sentry."""
    hooks = runpy.run_path(str(CONF))
    sentry.mode = "ok"
    sentry_sdk.capture_message("last words before shutdown")
    args = (None, None) if hook == "worker_exit" else (None,)
    hooks[hook](*args)
    assert [e["message"] for e in sentry.events()] == ["last words before shutdown"]
