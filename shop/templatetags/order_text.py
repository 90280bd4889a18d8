"""What an order says to people, for templates: `{% load order_text %}`, then
`{% with status=order|shopper_status %}`, `order|payment_summary`, `order|confirmation_note`,
`order|awaiting_online_payment`, `code|payment_label`, `code|shipping_label`,
`payment|payment_line`. The text itself
comes from the order presenters; the models carry none of it."""

from django import template
from django.utils.functional import Promise

from shop.delivery.shipping import shipping_label as _shipping_label
from shop.models import Order, Payment
from shop.orders import presenters
from shop.payments.providers import awaiting_online_payment as _awaiting

register = template.Library()


@register.filter
def shopper_status(order: Order) -> presenters.ShopperStatus:
    return presenters.shopper_status(order)


@register.filter
def payment_summary(order: Order) -> str:
    return presenters.payment_summary(order)


@register.filter
def confirmation_note(order: Order) -> str:
    return presenters.confirmation_note(order)


@register.filter
def payment_label(code: str) -> str | Promise:
    return presenters.payment_method_label(code)


@register.filter
def payment_line(payment: Payment) -> str:
    return presenters.payment_line(payment)


@register.filter
def awaiting_online_payment(order: Order) -> bool:
    return _awaiting(order)


@register.filter
def shipping_label(code: str) -> str | Promise:
    """A shipping method's name ("Nova Poshta branch"); the code for one no longer offered."""
    return _shipping_label(code)
