"""Settings with DEBUG off, checked in a fresh interpreter as Render starts them: HTTPS only,
hardened cookies and headers, hashed compressed static files, a cache and sessions that work
across several web instances, and `check --deploy` with nothing to say."""

import importlib
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import clear_url_caches

from tests.deploy.support import ROOT, SECRET, production, settings_probe

SECURITY = (
    "{k: getattr(settings, k) for k in ["
    "'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SECURE_REDIRECT_EXEMPT', "
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', "
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
    "'CSRF_COOKIE_HTTPONLY', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', "
    "'X_FRAME_OPTIONS', 'SERVE_MEDIA']}"
)


def test_production_is_https_only_with_hardened_cookies():
    config = settings_probe(SECURITY, **production())
    assert config == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        # No exemptions: /healthz is answered before the redirect (HealthCheckMiddleware).
        "SECURE_REDIRECT_EXEMPT": [],
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SERVE_MEDIA": False,
    }


def test_local_development_stays_on_plain_http():
    config = settings_probe(SECURITY)
    assert config["SECURE_SSL_REDIRECT"] is False
    assert config["SECURE_HSTS_SECONDS"] == 0
    assert config["SESSION_COOKIE_SECURE"] is config["CSRF_COOKIE_SECURE"] is False
    assert config["SERVE_MEDIA"] is True


def test_https_settings_can_be_overridden_for_production_like_runs():
    config = settings_probe(
        SECURITY,
        **production(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0", SERVE_MEDIA="true"),
    )
    assert config["SECURE_SSL_REDIRECT"] is False
    assert config["SECURE_HSTS_SECONDS"] == 0
    assert config["SERVE_MEDIA"] is True


def test_static_files_are_hashed_and_compressed_and_connections_are_reused():
    config = settings_probe(
        "[settings.STORAGES['staticfiles']['BACKEND'], settings.DATABASES['default']]",
        **production(DATABASE_URL="postgres://shop:pw@db.internal:5432/smartshop"),
    )
    storage, database = config
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_without_redis_the_cache_is_per_process_and_sessions_live_in_the_database():
    cache, engine = settings_probe(
        "[settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE]", **production()
    )
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert engine == "django.contrib.sessions.backends.db"


def test_with_redis_every_instance_shares_one_cache_and_sessions_stay_in_the_database():
    cache, engine = settings_probe(
        "[settings.CACHES['default'], settings.SESSION_ENGINE]",
        **production(REDIS_URL="redis://red-abc123:6379"),
    )
    assert cache == {
        "BACKEND": "core.cache.ForgivingRedisCache",  # Django's, serving on through an outage
        "LOCATION": "redis://red-abc123:6379",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    # Never read through Redis: an outage must not lose a log-out or bring it back (core.E001).
    assert engine == "django.contrib.sessions.backends.db"


def test_the_redis_client_is_installed():
    # Django's RedisCache imports `redis` only on first use: a missing pin would surface in
    # production on the first request, not at start-up.
    import redis

    assert redis.__version__


def test_check_deploy_has_nothing_to_say():
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    # A shop in trade publishes its seller (pages.W001 says when it does not).
    seller = {
        "SHOP_SELLER_NAME": "ФОП Петренко Олена Іванівна",
        "SHOP_SELLER_CODE": "1234567890",
        "SHOP_SELLER_ADDRESS": "вул. Хрещатик, 22, м. Київ, 01001",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean | seller | production(ALLOWED_HOSTS="shop.example.com", SECRET_KEY=SECRET),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


# --- uploads --------------------------------------------------------------------------------


@pytest.fixture
def media_urls(settings, tmp_path):
    """Rebuild the root URLconf for a SERVE_MEDIA value (it is decided at import)."""
    import smartshop.urls

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "kettle.txt").write_text("an uploaded file")

    def build(serve: bool) -> None:
        settings.SERVE_MEDIA = serve
        importlib.reload(smartshop.urls)
        clear_url_caches()

    yield build
    settings.SERVE_MEDIA = True
    importlib.reload(smartshop.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_uploads_are_served_only_when_serve_media_is_on(media_urls):
    media_urls(serve=True)
    response = Client().get("/media/products/kettle.txt")
    assert response.status_code == 200
    assert response.getvalue() == b"an uploaded file"  # the streamed file, read whole
    # No way out of MEDIA_ROOT: a 400 (suspicious path), never the file.
    outside = Client(raise_request_exception=False).get("/media/../settings.py")
    assert outside.status_code == 400

    media_urls(serve=False)
    assert Client().get("/media/products/kettle.txt").status_code == 404
