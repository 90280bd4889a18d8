"""The shop moved under /kasse/ with every URL name kept: what monitoring matches stays the
same (tests/monitoring/test_boundaries.py)."""

from django.urls import include, path

from smartshop.urls import handler500  # noqa: F401
from smartshop.urls import urlpatterns as site_urls

urlpatterns = [
    path("kasse/", include("shop.urls")),
    *(p for p in site_urls if getattr(p, "urlconf_name", None) != "shop.urls"),
]
