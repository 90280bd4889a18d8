"""Which payment methods checkout offers: PAYMENT_METHODS, checked at start-up by
`smartshop.settings`. No Django imports: settings call this before Django is set up.

Methods are chosen, never implied by which keys happen to be set. Start-up stops with one
line when the list names a method we do not have, when it lists Stripe without its secrets
(or monobank without MONOBANK_TOKEN) in production, or when it lists the demo gateway (which
takes no money) with DEBUG off and the deployment has not said it is a demo
(DEMO_PAYMENTS=true). Unset, the list is what works without keys: cash on delivery, plus the
demo gateway locally (DEBUG) or in a demo deployment.
"""

from core.config import config_error

STRIPE, MONOBANK, COD, DEMO = "stripe", "monobank", "cod", "demo"
# Every method the shop has (shop/payments: PROVIDERS), in the order checkout lists them.
KNOWN = (STRIPE, MONOBANK, COD, DEMO)


def payment_methods_default(*, debug: bool, demo: bool) -> list[str]:
    return [COD, DEMO] if debug or demo else [COD]


def payment_methods_check(
    methods: list[str],
    *,
    debug: bool,
    demo: bool,
    stripe_key: str,
    stripe_webhook_secret: str,
    monobank_token: str = "",
) -> list[str]:
    """PAYMENT_METHODS as read from the environment, cleaned (lower case, no blanks or
    repeats); stop start-up if it cannot be served as it says."""
    chosen = list(dict.fromkeys(m.strip().lower() for m in methods if m.strip()))
    if not chosen:
        config_error(f"PAYMENT_METHODS names no payment method; choose from {', '.join(KNOWN)}.")
    unknown = [m for m in chosen if m not in KNOWN]
    if unknown:
        config_error(
            f"PAYMENT_METHODS names an unknown payment method {unknown[0]!r}; "
            f"choose from {', '.join(KNOWN)}."
        )
    if DEMO in chosen and not debug and not demo:
        config_error(
            "PAYMENT_METHODS lists demo, a gateway that takes no money, with DEBUG off; set "
            "DEMO_PAYMENTS=true only if this deployment is a demo, else remove demo."
        )
    if STRIPE in chosen and not debug:
        missing = [
            name
            for name, value in (
                ("STRIPE_SECRET_KEY", stripe_key),
                ("STRIPE_WEBHOOK_SECRET", stripe_webhook_secret),
            )
            if not value
        ]
        if missing:
            config_error(
                f"PAYMENT_METHODS lists stripe but {' and '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} not set; set both Stripe secrets, "
                "or remove stripe."
            )
    if MONOBANK in chosen and not debug and not monobank_token:
        config_error(
            "PAYMENT_METHODS lists monobank but MONOBANK_TOKEN is not set; set the token from "
            "monobank's business account (plata by mono), or remove monobank."
        )
    if demo and STRIPE in chosen and stripe_key.startswith(("sk_live_", "rk_live_")):
        config_error(
            "DEMO_PAYMENTS=true says this shop takes no real money, but STRIPE_SECRET_KEY is "
            "a live key; use a test key (sk_test_…) in a demo, or unset DEMO_PAYMENTS."
        )
    return chosen
