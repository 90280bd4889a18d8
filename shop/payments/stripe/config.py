"""Card payments through Stripe: the configuration, checked at start-up by
`smartshop.settings`. No Django imports: settings call this before Django is set up.

Stripe is on when both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set (a half-configured
shop keeps card payments off and `manage.py check` says which one is missing). A value that is
set but malformed stops start-up with one line naming the variable, never showing the value.
"""

import re
from urllib.parse import urlsplit

from core.config import config_error

# Where the library sends API calls by default, and where Stripe hosts Checkout pages.
DEFAULT_API_BASE = "https://api.stripe.com"
CHECKOUT_ORIGIN = "https://checkout.stripe.com"
# Secret keys (sk_live_…, sk_test_…) and restricted keys (rk_…) can create sessions and refunds;
# a publishable key (pk_…) cannot.
_SECRET_KEY = re.compile(r"^(?:sk|rk)_\S+$")
_WEBHOOK_SECRET = re.compile(r"^whsec_\S+$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def stripe_api_base(raw: str) -> str:
    """STRIPE_API_BASE without a trailing slash; "" for Stripe's own. Only an http(s) origin
    (plus an optional path prefix): the library appends /v1/… to it."""
    value = raw.strip().rstrip("/")
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
        parts = urlsplit("")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or not port_ok
        or parts.username
        or parts.query
        or parts.fragment
    ):
        config_error(
            "STRIPE_API_BASE must be an http(s) address such as https://api.stripe.com "
            "(or a local stand-in, http://127.0.0.1:12111), or be unset for Stripe's own."
        )
    return value


def stripe_settings_check(
    *, secret_key: str, webhook_secret: str, api_base: str, currency: str
) -> str:
    """Stop start-up on a malformed Stripe setting; return STRIPE_API_BASE normalised."""
    if secret_key and not _SECRET_KEY.match(secret_key):
        config_error(
            "STRIPE_SECRET_KEY must be a Stripe secret key (sk_live_…, sk_test_…) or restricted "
            "key (rk_…) from Stripe → Developers → API keys, or be unset to turn card payments off."
        )
    if webhook_secret and not _WEBHOOK_SECRET.match(webhook_secret):
        config_error(
            "STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_…) from Stripe → "
            "Developers → Webhooks, or be unset to turn card payments off."
        )
    if secret_key and webhook_secret and not _CURRENCY.match(currency):
        config_error(
            "SHOP_CURRENCY must be a three-letter ISO 4217 code (e.g. USD, UAH) for card "
            f"payments, not {currency!r}."
        )
    return stripe_api_base(api_base)


def stripe_form_targets(*, enabled: bool, api_base: str) -> list[str]:
    """Origins the browser may be sent to after "Place order" (CSP form-action also covers
    the redirect of a form's answer): Stripe Checkout, and a stand-in's own origin when
    STRIPE_API_BASE points at one (it serves its hosted page itself)."""
    if not enabled:
        return []
    targets = [CHECKOUT_ORIGIN]
    if api_base:
        parts = urlsplit(api_base)
        targets.append(f"{parts.scheme}://{parts.netloc}")
    return targets
