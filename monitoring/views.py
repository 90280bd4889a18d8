import logging

import sentry_sdk
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For Render's health check and uptime monitors: no auth, JSON, never traced."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the Sentry event id as an error reference for support."""
    template = loader.get_template("500.html")
    context = {"event_id": sentry_sdk.last_event_id()}
    return HttpResponse(template.render(context), status=500)


def _superuser(user) -> bool:
    return user.is_active and user.is_superuser


def sentry_debug(request: HttpRequest) -> HttpResponse:
    """Raises ZeroDivisionError on purpose, to see an error arrive in Sentry end to end.
    Superusers only; everyone else gets a plain 404, so the route is safe to keep."""
    if not _superuser(request.user):
        raise Http404
    return HttpResponse(str(1 / 0))
