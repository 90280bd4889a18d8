"""Answer the platform's health check before Django validates the Host header.

Render (like most load balancers) probes `healthCheckPath` from inside its network. Such probes
may carry an internal address as Host and come over plain HTTP; if Django saw them first,
ALLOWED_HOSTS would turn them into 400s and SECURE_SSL_REDIRECT into 301s, and the platform
would call a healthy instance dead. This middleware sits first in MIDDLEWARE and hands
`/healthz` straight to the view, which touches nothing host-specific.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from monitoring.views import healthz

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH:
            return healthz(request)
        return self.get_response(request)
