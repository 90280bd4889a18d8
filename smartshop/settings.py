"""SmartShop AI settings.

Everything that differs between a laptop, CI and Render comes from the environment through
django-environ; `.env.example` documents every variable. With no environment at all the
project runs locally: DEBUG on, SQLite, e-mail printed to the console.
"""

from datetime import timedelta
from pathlib import Path

import environ
from babel.numbers import is_currency
from csp.constants import NONCE, NONE, SELF

from core.config import config_error
from core.storage import object_storage
from monitoring.config import log_level, sentry_config
from monitoring.csp import csp_report_uri
from monitoring.logging import logging_config
from monitoring.secrets import configured_secrets
from shop.payments.config import payment_methods_check, payment_methods_default
from shop.payments.stripe.config import stripe_form_targets, stripe_settings_check

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` is a convenience for `make run`; real environment variables win over it.
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

ON_RENDER = env.bool("RENDER", default=False)
DEBUG = env.bool("DEBUG", default=not ON_RENDER)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        config_error("SECRET_KEY is not set; it is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
RENDER_EXTERNAL_HOSTNAME = env.str("RENDER_EXTERNAL_HOSTNAME", default="")
if RENDER_EXTERNAL_HOSTNAME:
    ALLOWED_HOSTS.append(RENDER_EXTERNAL_HOSTNAME)
    CSRF_TRUSTED_ORIGINS.append(f"https://{RENDER_EXTERNAL_HOSTNAME}")

# --- HTTPS and browser security (`manage.py check --deploy` is clean with DEBUG off) -----------
# Render ends TLS at its proxy and forwards plain HTTP with X-Forwarded-Proto; trust it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Render's health check calls /healthz over plain HTTP: HealthCheckMiddleware answers it first.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# HSTS: browsers use https only, for a year, subdomains included (0 turns it off).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# No page script reads the CSRF cookie (forms carry the token), so scripts never see it.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Order and reset links carry tokens in the URL: never send them to other sites as Referer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    # Before the admin: its admin classes and translation registrations must load first.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise serves static files under runserver too, so DEBUG behaves like production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    # Second factors (`accounts.two_factor`): TOTP apps and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Country names in both languages for the checkout's country choice.
    "django_countries",
    "core",
    "accounts",
    "shop",
    "blog",
    # Information pages (offer, returns, privacy, contacts), the seller's details, 403 pages.
    "pages",
    "monitoring",
]

MIDDLEWARE = [
    # First: answers Render's health check before Host validation and the HTTPS redirect.
    "monitoring.healthcheck.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Malformed requests (NUL bytes, bad UTF-8, odd methods, oversized bodies) stop here.
    "core.middleware.EdgeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The request's language: the URL's prefix, or a first visit's redirect (`core.locale`).
    "core.locale.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware (the Host header is valid by then): without SITE_URL, absolute
    # links (e-mails, canonical) use the address this request reached us at (`core.site`).
    "core.site.SiteOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): a second factor given in this session (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Staff reach /admin/ only with a second factor; an account with one is asked for it
    # after the password (`accounts.middleware`).
    "accounts.middleware.TwoFactorMiddleware",
    "monitoring.middleware.SentryContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a log-in refused for too many failures into the lock-out page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartshop.urls"
# A stale or missing CSRF token: a styled page in the shopper's language, and "Add to cart"
# from a page open since before a log-in confirmed in one click (`pages.errors`).
CSRF_FAILURE_VIEW = "pages.errors.csrf_failure"
WSGI_APPLICATION = "smartshop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shop.context_processors.cart_summary",
                "shop.context_processors.demo_payments",
            ],
        },
    },
]
# Django's own form and widget templates through Jinja2: the same markup, a quarter of the
# checkout's rendering time (`core.forms_renderer`).
FORM_RENDERER = "core.forms_renderer.FormRenderer"

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Transactions take SQLite's write lock when they begin, so simultaneous checkouts queue
    # (up to `timeout` seconds) instead of failing mid-way with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses log-ins for locked-out accounts and clients (django-axes).
    "accounts.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "shop:catalogue"
LOGOUT_REDIRECT_URL = "shop:catalogue"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
# Two factors (docs/accounts.md). The name authenticator apps show next to the codes.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="SmartShop AI")
# django-otp's own growing delay after each wrong code is off: `accounts.two_factor` counts
# wrong codes per account instead, OTP_FAILURE_LIMIT of them lock it for OTP_COOLOFF_TIME.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_FAILURE_LIMIT = 10
OTP_COOLOFF_TIME = timedelta(minutes=15)
# Refunds and "mark paid" ask for the second factor again when it is older than this.
SUDO_WINDOW = timedelta(minutes=10)
# How long e-mail verification and e-mail change links work.
EMAIL_VERIFICATION_MAX_AGE = timedelta(days=3)

# Cache: Redis when REDIS_URL is set (one cache for every web instance), else process memory.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    # Redis down or slow is a slower shop, never an error page (`core.cache`); a hung Redis
    # costs a request at most a second per cache call.
    "default": {
        "BACKEND": "core.cache.ForgivingRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if REDIS_URL
    # Room for every product of a large catalogue (product pages, cart and checkout read
    # them per catalogue revision: `shop.catalogue.selectors`) and its pages: 300 by default.
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

# Sessions live in PostgreSQL only (server side): the cart is never a client-side cookie, every
# web instance sees every session, and a Redis outage can neither lose a log-out or an emptied
# cart nor bring an old one back. Never read through the cache (`core.cache`, core.E001);
# the cost, one indexed query per request with a session: docs/edge.md.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Ukrainian first: the default, at the URLs without a prefix; English under /en/ (`smartshop.urls`,
# `core.locale`). The interface's translations: locale/uk/LC_MESSAGES/django.po, kept up to
# date by `make messages` (`core.i18n_catalogue`); the compiled .mo is committed.
LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", "Українська"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switcher's choice is remembered for a year; no script reads it.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
# Dates as each language writes them ("28 листопада 2026 р., 00:52"; "28 November 2026, 00:52"):
# Django's own formats, with ours where they differ (smartshop/formats/).
FORMAT_MODULE_PATH = ["smartshop.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Kyiv")
USE_I18N = True
USE_TZ = True

# Catalogue and blog content in every language (django-modeltranslation, registered in
# `shop.translation` and `blog.translation`): `name` reads `name_uk` or `name_en` for the
# active language. The default language's column is the one the admin requires and the one
# code outside a request writes, so it follows LANGUAGE_CODE. An empty translation falls back
# to the other language, so a product written in one language still shows its name.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("uk", "en"), "uk": ("en",), "en": ("uk",)}
# Slugs are prepopulated from the required (always filled) language's name.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = MODELTRANSLATION_DEFAULT_LANGUAGE

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads (product pictures, blog covers): in a bucket of S3-API object storage when the
# AWS_* variables are set (docs/deploy.md), shared by every instance and kept across deploys;
# else in MEDIA_ROOT on this machine's disk. Half a configuration stops start-up.
OBJECT_STORAGE = object_storage(env.ENVIRON)
AWS_SECRET_ACCESS_KEY = OBJECT_STORAGE.secret_access_key if OBJECT_STORAGE else ""
# Django serves uploads from MEDIA_ROOT itself only when asked (local runs); with object
# storage, pages link to the bucket and Django never serves them.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG) and OBJECT_STORAGE is None
STORAGES = {
    "default": OBJECT_STORAGE.storage()
    if OBJECT_STORAGE
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names need `collectstatic`; local runs and tests serve sources.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Locally (and in tests) whitenoise serves straight from the app and project static folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: SMTP (or any backend django-environ knows) from EMAIL_URL. Without it, local runs print
# mail to the console; production sends nothing and logs one line per recipient, never the
# message: reset links and signed order links must not end up in the server log.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "core.mail.UnsentEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SmartShop AI <shop@localhost>")

# Seconds an SMTP conversation may take. Order e-mails are sent by a background task (inline
# with TASKS_BACKEND=immediate), so a hung mail server must give up soon; the send is retried.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Shop
# ISO 4217 code of every price (a hryvnia shop by default); checked here, at start-up.
SHOP_CURRENCY = env.str("SHOP_CURRENCY", default="UAH").upper()
if not is_currency(SHOP_CURRENCY):
    config_error(f"SHOP_CURRENCY must be an ISO 4217 code such as UAH, not {SHOP_CURRENCY!r}.")
SHOP_MAX_QUANTITY = 99
SHOP_PAGE_SIZE = 12
# Unpaid online orders expire after this many minutes (manage.py expire_orders), stock returns.
SHOP_ORDER_PAYMENT_MINUTES = env.int("SHOP_ORDER_PAYMENT_MINUTES", default=60)
# Where "pick up at our store" orders are collected, shown at checkout, on the order page and
# in its e-mails as written. Empty: the demo shop's address and hours (`shop.delivery.shipping`).
SHOP_STORE_ADDRESS = env.str("SHOP_STORE_ADDRESS", default="")
SHOP_STORE_HOURS = env.str("SHOP_STORE_HOURS", default="")
# Days a shopper has to return a purchase: the consumer-rights law's 14 (Закон України «Про
# захист прав споживачів», ст. 9) or the shop's own longer promise. One number, used by the
# footer, the returns page and the public offer (docs/legal.md); never below the law's 14.
SHOP_RETURN_DAYS = env.int("SHOP_RETURN_DAYS", default=30)
if SHOP_RETURN_DAYS < 14:
    config_error(
        f"SHOP_RETURN_DAYS must be 14 or more (the law's minimum), not {SHOP_RETURN_DAYS}."
    )
# The seller's legal details and contacts (`pages.seller`; docs/legal.md), shown in the footer,
# on the contacts page and in the public offer. Locally and in a demo deployment (DEMO_PAYMENTS)
# demo values, marked as such; in production only what is set: an unset detail is not shown
# (never a made-up seller on a real shop), and `manage.py check --deploy` warns (pages.checks).
# Demo values only while SHOP_SELLER_NAME is unset: a real seller's name turns them all off.
SHOP_SELLER_DEMO = (DEBUG or env.bool("DEMO_PAYMENTS", default=False)) and not env.str(
    "SHOP_SELLER_NAME", default=""
)


def _seller(name: str, demo: str) -> str:
    return env.str(name, default=demo if SHOP_SELLER_DEMO else "")


SHOP_SELLER_NAME = _seller("SHOP_SELLER_NAME", "ФОП Демченко Олена Іванівна (демо)")
SHOP_SELLER_CODE = _seller("SHOP_SELLER_CODE", "0000000000")  # ЄДРПОУ, or РНОКПП for a ФОП
SHOP_SELLER_ADDRESS = _seller("SHOP_SELLER_ADDRESS", "вул. Хрещатик, 1, м. Київ, 01001")
SHOP_CONTACT_PHONE = _seller("SHOP_CONTACT_PHONE", "+380441234567")  # E.164: +380…
SHOP_CONTACT_EMAIL = _seller("SHOP_CONTACT_EMAIL", "hello@smartshop.example")
SHOP_CONTACT_TELEGRAM = _seller("SHOP_CONTACT_TELEGRAM", "https://t.me/smartshop_demo")
SHOP_CONTACT_VIBER = _seller("SHOP_CONTACT_VIBER", "viber://chat?number=%2B380441234567")
# Base of absolute links (e-mails, canonical and Open Graph URLs, robots.txt). Render sets
# RENDER_EXTERNAL_URL (https://<name>.onrender.com). Empty (local runs): the address each
# request reached the server at, whatever its host and port (`core.site`).
SITE_URL = env.str("SITE_URL", default=env.str("RENDER_EXTERNAL_URL", default="")).rstrip("/")

# Card payments through Stripe Checkout (shop.payments.stripe; docs/payments.md → "Setting
# Stripe up"). Offered at checkout when PAYMENT_METHODS lists stripe and both secrets are set
# (production refuses to start with one missing, below); a malformed value stops
# start-up with one line naming it. STRIPE_API_BASE points the library at a stand-in.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = stripe_settings_check(
    secret_key=STRIPE_SECRET_KEY,
    webhook_secret=STRIPE_WEBHOOK_SECRET,
    api_base=env.str("STRIPE_API_BASE", default=""),
    currency=SHOP_CURRENCY,
)
# Cards, Apple Pay and Google Pay through monobank acquiring (plata by mono; docs/payments.md →
# "monobank"): the merchant token from monobank's business account. Offered when PAYMENT_METHODS
# lists monobank and the token is set; production refuses to start with it listed and unset.
# MONOBANK_API_BASE points the client at a stand-in (tests); its hosted pages are on
# MONOBANK_PAGE_ORIGIN, where "Place order" sends the shopper (CSP form-action below).
MONOBANK_TOKEN = env.str("MONOBANK_TOKEN", default="")
MONOBANK_API_BASE = env.str("MONOBANK_API_BASE", default="https://api.monobank.ua").rstrip("/")
MONOBANK_PAGE_ORIGIN = "https://pay.mbnk.biz"
# Nova Poshta (shop/delivery/; docs/delivery.md): the API key `manage.py novaposhta_sync` copies
# cities and warehouses with. Without it nothing is synced and checkout offers the other
# methods. NOVA_POSHTA_API_URL points the client at a stand-in in tests.
NOVA_POSHTA_API_KEY = env.str("NOVA_POSHTA_API_KEY", default="")
NOVA_POSHTA_API_URL = env.str("NOVA_POSHTA_API_URL", default="https://api.novaposhta.ua/v2.0/json/")
NOVA_POSHTA_TIMEOUT = env.float("NOVA_POSHTA_TIMEOUT", default=20.0)
# Which payment methods checkout offers, in this order (`shop.payments.config`; docs/checkout.md):
# stripe, monobank, cod, demo. Unset: what works without keys, cash on delivery plus, locally
# (DEBUG) or in a demo deployment, the demo gateway. Start-up stops on an unknown name, on stripe
# without its secrets (monobank without its token) in production, and on demo with DEBUG off
# unless DEMO_PAYMENTS=true says this deployment is a demo (then every page says no real money
# is taken).
DEMO_PAYMENTS = env.bool("DEMO_PAYMENTS", default=False)
PAYMENT_METHODS = payment_methods_check(
    env.list("PAYMENT_METHODS", default=payment_methods_default(debug=DEBUG, demo=DEMO_PAYMENTS)),
    debug=DEBUG,
    demo=DEMO_PAYMENTS,
    stripe_key=STRIPE_SECRET_KEY,
    stripe_webhook_secret=STRIPE_WEBHOOK_SECRET,
    monobank_token=MONOBANK_TOKEN,
)

# --- Request limits and throttling (docs/edge.md) -----------------------
# Form bodies above this are refused (413); only the admin's upload forms take more, with files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Proxies in front of the app that append to X-Forwarded-For (`core.http`): Render has two,
# Cloudflare and its own. 0 uses the connecting address (local runs, no proxy).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=2 if ON_RENDER else 0)
# Log-in and admin log-in (django-axes): 10 failures for one account, or from one client, lock
# that account / client for 15 minutes after the last failure (429). Counted in the database,
# so the limit holds across web workers and instances with or without Redis.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "accounts.throttling.login_username"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # failures are enough; no row per successful log-in
# Masked in the stored form data of a failure (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
AXES_ENABLE_ADMIN = False  # `accounts.admin` registers its own view of lock-outs
AXES_VERBOSE = False  # no start-up banner in every command's output
# Cache-based limits (`core.ratelimit`): name → (requests, window in seconds).
RATE_LIMITS = {
    # Password-reset requests per e-mail address typed, and per client.
    "password_reset_email": (5, 60 * 60),
    "password_reset_client": (20, 60 * 60),
    # Order pages and signed order links that do not open (unknown number, bad link), per
    # client; once used up, every order lookup from that client waits for the next window.
    "order_lookup_client": (20, 10 * 60),
    # Stripe webhook deliveries refused (bad or stale signature) per client: past this, that
    # client's deliveries get 429 without any work. Stripe itself never sends one.
    "stripe_webhook_rejects": (30, 10 * 60),
    # The same for monobank's callbacks refused (no or wrong X-Sign).
    "monobank_webhook_rejects": (30, 10 * 60),
    # "Find my order" (the order's link e-mailed again): per client, and per e-mail address
    # typed, whether or not an order was placed with it.
    "order_find_client": (10, 60 * 60),
    "order_find_email": (3, 60 * 60),
    # Verification and e-mail-change links sent per account (each is an e-mail to an address
    # the account typed).
    "email_link_user": (5, 60 * 60),
    # The 500 page's feedback form, per client; browsers' Sentry envelopes through
    # /_monitoring/tunnel/ (SENTRY_TUNNEL), per client (errors, page loads, vitals, replays).
    "sentry_feedback_client": (5, 60 * 60),
    "sentry_tunnel_client": (120, 60),
    # The checkout's Nova Poshta city and branch look-ups (JSON, as the shopper types), per client.
    "novaposhta_lookup_client": (120, 60),
}

# --- Monitoring: Sentry and logging (see `monitoring.config` for the rules) ----------------
# Validated here, at start-up: a bad value stops the process with one line naming it.
SENTRY = sentry_config(env.ENVIRON, base_dir=BASE_DIR)
# This build (its commit, as Sentry's release): part of the page caches' keys, so a page cached
# by the previous build (its markup, translations, static file names) is never served by this
# one when the cache outlives a deploy (REDIS_URL). Whether pages carry the demo banner is
# part of it too: turning the demo gateway on or off never serves pages cached the other way.
BUILD = SENTRY.release + ("+demo" if "demo" in PAYMENT_METHODS else "")
LOG_LEVEL = log_level(env.ENVIRON)
LOGGING = logging_config(level=LOG_LEVEL, json_lines=not DEBUG)
# django-axes logs every successful log-in at INFO; failures and lock-outs are WARNING.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
# The Stripe library logs every request at INFO and, at DEBUG, bodies (the shopper's e-mail):
# our own log lines say what happened, without them.
LOGGING["loggers"]["stripe"] = {"level": "WARNING"}

# --- Content-Security-Policy (django-csp) ---------------------------------------------------
# Strict: only our own files. CSS and images are static files; there is no inline script or
# style anywhere (the Django admin has none either). An inline script would need the request's
# nonce: <script nonce="{{ request.csp_nonce }}">, which also adds it to the header.
# With a DSN, browsers report violations to Sentry's security endpoint (`monitoring.csp`).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # Plus the bucket's (or its custom domain's) origin, with object storage.
        "img-src": [SELF, "data:", *([OBJECT_STORAGE.origin] if OBJECT_STORAGE else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Plus Stripe Checkout when card payments are on: "Place order" answers with a redirect
        # there, and browsers apply form-action to a form's redirects too.
        "form-action": [
            SELF,
            *stripe_form_targets(
                enabled=bool(STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET), api_base=STRIPE_API_BASE
            ),
            *([MONOBANK_PAGE_ORIGIN] if MONOBANK_TOKEN else []),
        ],
        "frame-ancestors": [NONE],
        "report-uri": csp_report_uri(SENTRY),
    }
}

# --- Blog and AI drafting ---
BLOG_PAGE_SIZE = 10
# Without a key, staff still get drafts: a labelled template from the offline writer.
OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="")
OPENAI_MODEL = env.str("OPENAI_MODEL", default="gpt-4o-mini")
# Any OpenAI-compatible server; tests point it at a local stub.
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", default="")
# Seconds per attempt; the client retries twice, so a draft gives up after about 3x this.
OPENAI_TIMEOUT = env.float("OPENAI_TIMEOUT", default=30.0)
# Background tasks (django-tasks): run at once in-process locally and in tests; in production
# TASKS_BACKEND=database stores them in the database for `manage.py db_worker`.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    config_error(f"TASKS_BACKEND must be 'immediate' or 'database', not {TASKS_BACKEND!r}.")

# --- Last: the configured secrets, handed to monitoring ------------------------------------
# Sentry events and log lines never show these values, wherever they turn up (an exception
# message, a frame variable, a URL): settings named like secrets (SECRET_KEY, OPENAI_API_KEY,
# any future STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET), passwords inside DATABASES, CACHES and
# URL-valued settings, the Sentry DSN's keys, object storage's AWS_SECRET_ACCESS_KEY, and
# environment variables named like secrets.
# Found by `monitoring.secrets` (which also re-reads the final settings at start-up, so one
# defined below is covered); append any other value that must never leave the process.
MONITORING_SECRETS = configured_secrets(globals(), env.ENVIRON)
