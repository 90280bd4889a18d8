"""The project's settings plus a secret defined after MONITORING_SECRETS was computed, as a
settings module for another deployment would add one (tests/monitoring/test_leaks.py)."""

from smartshop.settings import *  # noqa: F403

PAYMENT_WEBHOOK_SECRET = "late-Secret-Value-0123456789"
