"""Production settings plus one bare view, for the load benchmark only (bench/run.py)."""

from smartshop.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
