"""What monitoring needs to know about the shop, told through monitoring.api (monitoring never
imports the shop). Registered from ShopConfig.ready()."""

from django.http import HttpRequest

from monitoring.api import context_provider_register, personal_data_register, urls_register
from shop.cart.selectors import cart_priced
from shop.cart.session import Cart
from shop.checkout.session import CheckoutSession

# Checkout and payment: what shoppers type there (address, phone) is never sent, and every
# request there is traced.
CHECKOUT_AND_PAYMENT = [
    "shop:checkout",
    "shop:checkout_shipping",
    "shop:checkout_review",
    "shop:order_pay",
    "shop:order_paying",
    "shop:demo_gateway",
    # Stripe's signed events: the body holds the shopper's e-mail, name and address.
    "shop:stripe_webhook",
]
# Traced whatever the sample rate: paying, the gateway's page and answer, the return from
# Stripe's page (while "confirming…"), Stripe's events; and placing the order (the review page's
# POST: showing the page follows the rate).
PAYMENT = ["shop:order_pay", "shop:order_paying", "shop:demo_gateway", "shop:stripe_webhook"]


def cart_context(request: HttpRequest) -> dict | None:
    """The `cart` context of an error: item count and subtotal, no products' names."""
    cart = Cart(request.session)
    if not cart:
        return None
    return {"items": cart.count, "total": f"{cart_priced(cart=cart).subtotal:.2f}"}


def shopper_details(request: HttpRequest) -> list[str]:
    """What the shopper typed at checkout (name, phone, address, e-mail), kept in the session
    until the order is placed: removed by value from Sentry when user PII is off."""
    details = CheckoutSession(request.session).details_entered
    return [v for v in details.values() if isinstance(v, str)]


def monitoring_register() -> None:
    urls_register(
        # "Find my order" takes an order number and an e-mail address.
        private_forms=[*CHECKOUT_AND_PAYMENT, "shop:order_find"],
        # A signed order link and a payment page's reference are capabilities.
        token_urls=["shop:order_link", "shop:demo_gateway"],
        always_traced=PAYMENT,
        always_traced_writes=["shop:checkout_review"],
    )
    context_provider_register("cart", cart_context)
    personal_data_register(shopper_details)
