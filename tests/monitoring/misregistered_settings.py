"""The project's settings plus an app whose monitoring registration names a URL that does not
exist (tests/monitoring/test_boundaries.py)."""

from smartshop.settings import *  # noqa: F403
from smartshop.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS[:-1], "tests.monitoring.misregistered", INSTALLED_APPS[-1]]
