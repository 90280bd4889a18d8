"""render.yaml, read as Render would: a Blueprint that cannot name a command we do not have,
leave a service without its database or its Key Value, keep data on an instance's disk, or commit
a secret."""

import importlib
import os
import platform
import re
import shlex

import pytest
from django.core.management import get_commands

from monitoring.healthcheck import HEALTH_PATH
from monitoring.scrubbing import is_sensitive_key
from shop.management.commands import reconcile_payments
from tests.deploy.support import (
    ROOT,
    blueprint,
    commands,
    key_values,
    service_env,
    services,
)

RUNS_DJANGO = ("python manage.py", "gunicorn ")
# Connection strings carry passwords even though their names look harmless.
SECRET_URLS = {"DATABASE_URL", "REDIS_URL", "EMAIL_URL"}


def by_type(kind: str) -> list[dict]:
    return [s for s in services() if s["type"] == kind]


def env_value(service: dict, key: str) -> str | None:
    entry = service_env(service).get(key)
    return None if entry is None else entry.get("value")


def test_every_command_in_the_blueprint_exists_in_the_project():
    django_commands = get_commands()
    for service in services():
        for command in commands(service):
            argv = shlex.split(command)
            if argv[:2] == ["python", "manage.py"]:
                assert argv[2] in django_commands, f"{service['name']}: no command {argv[2]}"
            elif argv[0] == "pip":
                assert argv[1:3] == ["install", "-r"], command
                assert (ROOT / argv[3]).is_file(), command
            elif argv[0] == "gunicorn":
                module, _, attribute = argv[1].partition(":")
                assert callable(getattr(importlib.import_module(module), attribute)), command
                assert (ROOT / argv[argv.index("-c") + 1]).is_file(), command
            else:
                pytest.fail(f"{service['name']}: a command this test does not know: {command}")


def test_the_web_service_builds_static_files_and_migrates_before_it_serves():
    [web] = by_type("web")
    assert web["runtime"] == "python"
    assert "pip install -r requirements.txt" in web["buildCommand"]
    assert "python manage.py collectstatic --noinput" in web["buildCommand"]
    assert web["startCommand"] == "gunicorn smartshop.wsgi:application -c gunicorn.conf.py"
    if web.get("plan", "free") == "free":
        # No preDeployCommand on free instances: the build migrates.
        assert "python manage.py migrate" in web["buildCommand"]
    else:
        assert web["preDeployCommand"].startswith("python manage.py migrate")


def test_every_service_that_runs_django_gets_the_database_from_the_blueprint():
    [database] = blueprint()["databases"]
    for service in services():
        if not any(c.startswith(RUNS_DJANGO) for c in commands(service)):
            continue
        entry = service_env(service)["DATABASE_URL"]
        assert entry["fromDatabase"] == {
            "name": database["name"],
            "property": "connectionString",
        }, service["name"]


def test_secrets_are_never_in_the_file():
    entries = [e for g in blueprint().get("envVarGroups", []) for e in g["envVars"]]
    entries += [e for s in services() for e in s.get("envVars", []) if "key" in e]
    for entry in entries:
        if is_sensitive_key(entry["key"]) or entry["key"] in SECRET_URLS:
            assert "value" not in entry, entry["key"]
            assert (
                entry.get("sync") is False
                or entry.get("generateValue")
                or "fromDatabase" in entry
                or "fromService" in entry
            ), entry["key"]


def test_every_service_shares_one_key_value_instance_closed_to_the_outside():
    """One Redis for every instance and service: the cache, sessions' fast path and the rate
    limits are shared, so a second web instance neither splits a limit nor misses a change."""
    [kv] = key_values()
    assert kv["ipAllowList"] == []  # no connections from outside Render
    assert kv.get("plan", "free") != "free"  # a free instance is lost on every restart
    for service in services():
        entry = service_env(service)["REDIS_URL"]
        assert entry["fromService"] == {
            "type": "keyvalue",
            "name": kv["name"],
            "property": "connectionString",
        }, service["name"]
        assert "value" not in entry


def test_uploads_go_to_object_storage_configured_in_the_dashboard():
    from core.storage import REQUIRED

    for service in services():
        env = service_env(service)
        for key in REQUIRED:
            assert env[key] == {"key": key, "sync": False}, (service["name"], key)
        # No instance keeps uploads on its own disk, nor serves them from there.
        assert "MEDIA_ROOT" not in env and "SERVE_MEDIA" not in env
        assert "disk" not in service, service["name"]


def test_the_web_service_runs_two_instances_and_nothing_advises_a_disk():
    [web] = by_type("web")
    assert web["numInstances"] == 2
    docs = [ROOT / "README.md", ROOT / ".env.example", *sorted((ROOT / "docs").glob("*.md"))]
    for path in [ROOT / "render.yaml", *docs]:
        text = path.read_text().lower()
        assert "persistent disk" not in text, path.name
        assert "mountpath" not in text, path.name


def test_all_services_share_one_generated_secret_key():
    """Generated once in a group and shared: a signed link or session made by one service is
    valid in the others."""
    [holder] = [
        g
        for g in blueprint()["envVarGroups"]
        if any(e["key"] == "SECRET_KEY" for e in g["envVars"])
    ]
    [entry] = [e for e in holder["envVars"] if e["key"] == "SECRET_KEY"]
    assert entry == {"key": "SECRET_KEY", "generateValue": True}
    for service in services():
        assert {"fromGroup": holder["name"]} in service["envVars"], service["name"]
        assert not any(e.get("key") == "SECRET_KEY" for e in service["envVars"]), service["name"]


def test_production_settings_and_sentry_keys_are_set_for_every_service():
    for service in services():
        env = service_env(service)
        assert env_value(service, "DEBUG") == "false"
        assert env["SENTRY_DSN"] == {"key": "SENTRY_DSN", "sync": False}
        assert env["OPENAI_API_KEY"] == {"key": "OPENAI_API_KEY", "sync": False}
        for key in ("SENTRY_ENVIRONMENT", "SENTRY_TRACES_SAMPLE_RATE", "LOG_LEVEL"):
            assert env_value(service, key), (service["name"], key)
        # The release comes from RENDER_GIT_COMMIT (monitoring/config.py), never by hand.
        assert "SENTRY_RELEASE" not in env


def test_python_version_is_the_one_ci_tests_with():
    pinned = (ROOT / ".python-version").read_text().strip()
    for service in services():
        assert env_value(service, "PYTHON_VERSION") == pinned, service["name"]
    if os.environ.get("CI"):
        assert platform.python_version() == pinned


def test_the_tasks_backend_matches_whether_a_worker_is_deployed():
    """With the worker, drafts are queued for it; without it they must run in the request,
    or they would stay queued for ever."""
    workers = [s for s in by_type("worker") if "python manage.py db_worker" in commands(s)]
    expected = "database" if workers else "immediate"
    for service in services():
        assert env_value(service, "TASKS_BACKEND") == expected, service["name"]


def test_the_scheduled_commands_run_as_cron_jobs():
    expected = {
        "python manage.py generate_blog_posts": "*/15 * * * *",
        "python manage.py expire_orders": "*/10 * * * *",
        "python manage.py send_order_confirmations": "*/10 * * * *",
        # Expired sessions (anonymous carts) are deleted, or the table grows for ever.
        "python manage.py clearsessions": "17 3 * * *",
        # Stripe's records against ours; its Sentry cron monitor expects the same schedule.
        "python manage.py reconcile_payments": reconcile_payments.SCHEDULE,
        # Nova Poshta's cities and branches, nightly (docs/delivery.md).
        "python manage.py novaposhta_sync": "41 2 * * *",
    }
    schedules = {c["startCommand"]: c["schedule"] for c in by_type("cron")}
    [web] = by_type("web")
    if web.get("plan", "free") == "free":  # no cron jobs on the free plan
        assert schedules.items() <= expected.items()
    else:
        assert schedules == expected


def test_services_and_the_database_share_a_region():
    """The internal connection string only works within one region."""
    regions = {s.get("region", "oregon") for s in services() + key_values()}
    regions |= {d.get("region", "oregon") for d in blueprint()["databases"]}
    assert len(regions) == 1, regions


def test_every_variable_set_in_the_blueprint_is_documented_in_env_example():
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M)
    )
    render_only = {"PYTHON_VERSION"}  # read by Render's build, not by the project
    keys = {e["key"] for g in blueprint()["envVarGroups"] for e in g["envVars"]}
    keys |= {e["key"] for s in services() for e in s.get("envVars", []) if "key" in e}
    assert keys - render_only <= documented, sorted(keys - render_only - documented)


# --- the health check, as Render's prober calls it -----------------------------------------


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["shop.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    return settings


def test_the_health_check_path_is_answered_first_by_the_health_middleware(settings):
    [web] = by_type("web")
    assert web["healthCheckPath"] == HEALTH_PATH
    assert settings.MIDDLEWARE[0] == "monitoring.healthcheck.HealthCheckMiddleware"


@pytest.mark.django_db
def test_the_health_check_answers_200_over_plain_http_from_an_internal_address(
    production_like, client
):
    [web] = by_type("web")
    response = client.get(web["healthCheckPath"], HTTP_HOST="10.214.3.7:10000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    # Everything else keeps the rules: unknown hosts refused, plain http redirected.
    assert client.get("/", HTTP_HOST="10.214.3.7:10000").status_code == 400
    redirect = client.get("/", HTTP_HOST="shop.example.com")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://shop.example.com/"
    secure = client.get("/", HTTP_HOST="shop.example.com", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
