"""Background tasks (django-tasks). Each is a thin wrapper around a service."""

from django_tasks import task

from monitoring.api import task_transaction
from shop.orders import notifications
from shop.payments import refunds


@task()
def order_confirmation_task(*, order_id: int, site_url: str = "") -> str:
    # site_url: the base of the e-mail's link, captured when it was queued (`core.site`).
    with task_transaction("send_order_confirmation"):
        return notifications.order_confirmation_send(order_id=order_id, site_url=site_url)


@task()
def order_link_task(*, number: str, email: str, site_url: str = "") -> str:
    # "Find my order": looks the order up here, off the request that asked (no enumeration).
    with task_transaction("send_order_link"):
        return notifications.order_link_send(number=number, email=email, site_url=site_url)


@task()
def payment_refund_task(*, payment_id: int) -> str:
    # Money that came for an order paid already goes back through the provider, once.
    with task_transaction("refund_payment_due"):
        return refunds.payment_refund_due(payment_id=payment_id)
