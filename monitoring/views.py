import logging

import sentry_sdk
from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token
from django.views.decorators.http import require_GET, require_POST

from core.http import client_ip
from core.ratelimit import RateLimit
from monitoring.feedback import feedback_send
from monitoring.forms import FeedbackForm
from monitoring.tunnel import EnvelopeRefused, envelope_forward
from monitoring.visitor import request_values

logger = logging.getLogger(__name__)

FEEDBACK_LIMIT = RateLimit("sentry_feedback_client")
TUNNEL_LIMIT = RateLimit("sentry_tunnel_client")


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


def _error_page(request: HttpRequest, context: dict, status: int) -> HttpResponse:
    """The 500 page and its feedback pages: standalone (no context processors, no database),
    so they render whatever failed."""
    template = loader.get_template("500.html")
    context = {
        "feedback_on": settings.SENTRY.dsn is not None,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        **context,
    }
    try:
        context["csrf_token"] = get_token(request)
    except Exception:  # the 500 page must render whatever failed; no form then
        context["feedback_on"] = False
    return HttpResponse(template.render(context), status=status)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the Sentry event id as an error reference for support, and a form
    (no JavaScript needed) to tell us what the shopper was doing."""
    event_id = sentry_sdk.last_event_id()
    form = FeedbackForm(initial={"event_id": event_id, "language": translation.get_language()})
    return _error_page(request, {"event_id": event_id, "form": form}, 500)


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    """The 500 page's feedback, sent to Sentry linked to the page's event; thanked in the
    shopper's language. Rate-limited per client (429 past the limit)."""
    form = FeedbackForm(request.POST)
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        if not form.is_valid():
            # The fields that were valid (the reference) are shown again with the form.
            context = {"event_id": form.cleaned_data.get("event_id", ""), "form": form}
            return _error_page(request, context, 400)
        FEEDBACK_LIMIT.consume(client_ip(request))
        own = request_values(request)
        feedback_send(
            event_id=form.cleaned_data["event_id"],
            message=form.cleaned_data["message"],
            email=form.cleaned_data["email"],
            config=settings.SENTRY,
            secrets=own["secrets"],
            personal=own["personal"],
        )
        return _error_page(
            request, {"event_id": form.cleaned_data["event_id"], "thanked": True}, 200
        )


@csrf_exempt  # browsers' SDK posts envelopes without a token; nothing here acts for a user
@require_POST
def tunnel(request: HttpRequest) -> HttpResponse:
    """Browser envelopes for our own DSN, forwarded to Sentry (monitoring/tunnel.py)."""
    config = settings.SENTRY
    if not (config.browser_on and config.tunnel):
        raise Http404
    TUNNEL_LIMIT.consume(client_ip(request))
    if request.META.get("HTTP_CONTENT_ENCODING"):
        return HttpResponse("encoded envelopes are not forwarded", status=415)
    try:
        forwarded = envelope_forward(body=request.body, own_dsn=config.dsn or "")
    except EnvelopeRefused as refused:
        return HttpResponse(str(refused), status=refused.status, content_type="text/plain")
    return HttpResponse(status=200 if forwarded.status < 300 else forwarded.status)


def _superuser(user: AbstractUser | AnonymousUser) -> bool:
    return user.is_active and user.is_superuser


def sentry_debug(request: HttpRequest) -> HttpResponse:
    """Raises ZeroDivisionError on purpose, to see an error arrive in Sentry end to end.
    Superusers only; everyone else gets a plain 404, so the route is safe to keep."""
    if not _superuser(request.user):
        raise Http404
    return HttpResponse(str(1 / 0))
