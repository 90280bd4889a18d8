"""monobank calling the shop: its signed callbacks about our invoices."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import client_ip
from shop.payments.monobank.webhooks import monobank_webhook_receive
from shop.payments.providers import provider_get


@csrf_exempt  # monobank cannot send our CSRF token: the signature authenticates the request
@require_POST
def monobank_webhook(request: HttpRequest) -> HttpResponse:
    if not provider_get("monobank").available:
        raise Http404("monobank payments are not configured.")
    # The raw body, exactly as signed.
    answer = monobank_webhook_receive(
        payload=request.body, signature=request.headers.get("X-Sign"), client=client_ip(request)
    )
    return JsonResponse(
        {"received": answer.status == 200, "outcome": answer.outcome}, status=answer.status
    )
