"""Monitoring configuration as an operator meets it: defaults, and one-line errors."""

import re
from pathlib import Path

import pytest

from monitoring.config import release_default, sentry_config
from monitoring.sentry import trace_targets
from tests.support.process import python

ROOT = Path(__file__).resolve().parents[2]


def start(**env: str):
    return python("manage.py", "check", **env)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("SENTRY_TRACES_SAMPLE_RATE", "1.5", "from 0 to 1"),
        ("SENTRY_TRACES_SAMPLE_RATE", "ten percent", "from 0 to 1"),
        ("SENTRY_PROFILE_SESSION_SAMPLE_RATE", "-0.1", "from 0 to 1"),
        ("SENTRY_SEND_USER_PII", "maybe", "true or false"),
        ("LOG_LEVEL", "LOUD", "DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("SENTRY_DSN", "not-a-dsn", "https://<public key>@<host>/<project id>"),
        ("SENTRY_DSN", "https://key@o1.ingest.sentry.io/abc", "numeric project id"),
        ("SENTRY_ENVIRONMENT", "prod/eu", "letters, digits"),
        ("SENTRY_BROWSER_ENABLED", "sometimes", "true or false"),
        ("SENTRY_REPLAY_ON_ERROR_RATE", "all", "from 0 to 1"),
        ("SENTRY_TUNNEL", "2", "true or false"),
    ],
)
def test_an_invalid_value_stops_start_up_with_one_line_naming_it(name, value, expected):
    result = start(**{name: value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_valid_values_start_normally():
    result = start(
        SENTRY_TRACES_SAMPLE_RATE="0.25",
        SENTRY_PROFILE_SESSION_SAMPLE_RATE="0",
        SENTRY_SEND_USER_PII="off",
        LOG_LEVEL="warning",
    )
    assert result.returncode == 0, result.stderr


def test_defaults_off_render(tmp_path):
    config = sentry_config({}, base_dir=tmp_path)
    assert config.dsn is None
    assert config.environment == "development"
    assert config.traces_sample_rate == 0.1
    assert config.profile_session_sample_rate == 0.0
    assert config.send_user_pii is True
    assert config.release == "smartshop-ai@0.0.0"


def test_defaults_on_render_use_the_deployed_commit(tmp_path):
    commit = "0123456789abcdef0123456789abcdef01234567"
    config = sentry_config({"RENDER": "true", "RENDER_GIT_COMMIT": commit}, base_dir=tmp_path)
    assert config.environment == "production"
    assert config.release == "smartshop-ai@0123456789ab"


def test_explicit_values_win(tmp_path):
    config = sentry_config(
        {
            "RENDER": "true",
            "SENTRY_DSN": "https://abc123@o1.ingest.sentry.io/4507",
            "SENTRY_ENVIRONMENT": "staging",
            "SENTRY_RELEASE": "smartshop-ai@1.0.0",
            "SENTRY_TRACES_SAMPLE_RATE": "1",
            "SENTRY_SEND_USER_PII": "false",
        },
        base_dir=tmp_path,
    )
    assert config.dsn == "https://abc123@o1.ingest.sentry.io/4507"
    assert (config.environment, config.release) == ("staging", "smartshop-ai@1.0.0")
    assert config.traces_sample_rate == 1.0
    assert config.send_user_pii is False


def test_release_falls_back_to_the_git_commit_then_the_project_version(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "2.3.4"\n')
    assert release_default({}, tmp_path) == "smartshop-ai@2.3.4"
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text("fedcba9876543210fedcba9876543210fedcba98\n")
    assert release_default({}, tmp_path) == "smartshop-ai@fedcba987654"
    # Packed refs, as after `git gc`.
    (git / "refs" / "heads" / "main").unlink()
    (git / "packed-refs").write_text("aaaabbbbccccddddeeeeffff0000111122223333 refs/heads/main\n")
    assert release_default({}, tmp_path) == "smartshop-ai@aaaabbbbcccc"


def test_every_monitoring_variable_is_documented():
    documented = (ROOT / ".env.example").read_text()
    for name in (
        "SENTRY_DSN",
        "SENTRY_ENVIRONMENT",
        "SENTRY_RELEASE",
        "SENTRY_TRACES_SAMPLE_RATE",
        "SENTRY_PROFILE_SESSION_SAMPLE_RATE",
        "SENTRY_SEND_USER_PII",
        "LOG_LEVEL",
    ):
        assert f"{name}=" in documented, name
        assert name in (ROOT / "README.md").read_text(), name


def test_trace_headers_go_to_our_own_origin_only():
    config = sentry_config({"SITE_URL": "https://shop.example.com/"}, base_dir=ROOT)
    assert config.own_origin == "https://shop.example.com"
    [target] = trace_targets(config)
    assert re.search(target, "https://shop.example.com/orders/")
    assert re.search(target, "https://shop.example.com")
    for other in (
        "https://api.stripe.com/v1/checkout/sessions",
        "https://api.openai.com/v1/chat/completions",
        "https://shop.example.com.evil.example/",
        "https://evil.example/?next=https://shop.example.com/",
        "http://shop.example.com/",
    ):
        assert not re.search(target, other), other
    # Without SITE_URL (a local run): nowhere at all.
    assert trace_targets(sentry_config({}, base_dir=ROOT)) == []
    render = sentry_config({"RENDER_EXTERNAL_URL": "https://s.onrender.com"}, base_dir=ROOT)
    assert render.own_origin == "https://s.onrender.com"


def test_the_browser_sdk_follows_the_dsn_unless_turned_off():
    dsn = {"SENTRY_DSN": "https://key@o1.ingest.sentry.io/42"}
    assert sentry_config(dsn, base_dir=ROOT).browser_on
    assert not sentry_config({}, base_dir=ROOT).browser_on
    off = sentry_config({**dsn, "SENTRY_BROWSER_ENABLED": "false"}, base_dir=ROOT)
    assert not off.browser_on
    config = sentry_config(dsn, base_dir=ROOT)
    assert config.replay_on_error_rate == 0.0 and config.tunnel is False
