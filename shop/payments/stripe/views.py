"""Payment providers calling the shop: Stripe's signed webhook events."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import client_ip
from shop.payments.providers import provider_get
from shop.payments.stripe.webhooks import stripe_webhook_receive


@csrf_exempt  # Stripe cannot send our CSRF token: the signature authenticates the request
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    if not provider_get("stripe").available:
        raise Http404("Card payments are not configured.")
    # The raw body, as signed: never parsed as a form, never kept in a variable here.
    answer = stripe_webhook_receive(
        payload=request.body,
        signature=request.headers.get("Stripe-Signature"),
        client=client_ip(request),
    )
    return JsonResponse(
        {"received": answer.status == 200, "outcome": answer.outcome}, status=answer.status
    )
