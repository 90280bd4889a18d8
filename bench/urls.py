from django.http import HttpRequest, HttpResponse
from django.urls import path

from smartshop.urls import handler500  # noqa: F401
from smartshop.urls import urlpatterns as site_urls


def bare(request: HttpRequest) -> HttpResponse:
    """The ceiling: the whole middleware stack, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site_urls]
