"""The site's URLs plus one view that leaks on purpose, the way careless code would: secrets in
a log line, in frame variables under innocent names and in the exception it raises."""

import logging

from django.http import HttpRequest, HttpResponse
from django.urls import path

from smartshop.urls import handler500  # noqa: F401
from smartshop.urls import urlpatterns as site_urls

logger = logging.getLogger("shop.payments.stripe")

STRIPE = {
    "secret": "sk_live_51PLANTEDsecretKEY0123456789",
    "test": "sk_test_51PLANTEDtestKEY0123456789",
    "restricted": "rk_live_51PLANTEDrestrictedKEY0123",
    "webhook": "whsec_PLANTEDwebhookSECRET0123456789",
}


def careless_view(request: HttpRequest) -> HttpResponse:
    logger.warning("Stripe refused %s (webhook %s)", STRIPE["restricted"], STRIPE["webhook"])
    api = STRIPE["secret"]
    note = f"charging with {STRIPE['test']}"
    raise RuntimeError(f"Stripe: invalid API key {api} ({note})")


urlpatterns = [path("_test/careless/", careless_view), *site_urls]
