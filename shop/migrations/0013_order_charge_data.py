"""Existing orders into the state machine of shop/orders/states.py: the old single status split
into where the goods are and the charge status. Payment methods and shipping codes as they were
when this ran ("cod" is paid in cash; "pickup" is collected)."""

from django.db import migrations

CASH = ["cod"]
PICKUP = ["pickup"]
ENDED = ["cancelled", "expired", "refunded"]


def forward(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Payment = apps.get_model("shop", "Payment")
    OrderEvent = apps.get_model("shop", "OrderEvent")
    orders = Order.objects

    # Money first, while the old statuses still say what happened. An ended order that kept
    # money (cancelled after it was paid: the bug this machine ends) owes it back.
    kept = Payment.objects.filter(order__status__in=["cancelled", "expired"], status="approved")
    kept.update(status="refund_due", failure_reason="Kept after the order was cancelled: refund it")
    cash_kept = orders.filter(
        status__in=["cancelled", "expired"], payment_method__in=CASH, paid_at__isnull=False
    )
    for order in cash_kept:
        _cash_payment(Payment, order, status="refund_due")
    owing = Payment.objects.filter(order__status__in=ENDED, status="refund_due")
    orders.filter(pk__in=owing.values("order_id")).update(charge_status="refund_due")
    orders.filter(status="refunded").exclude(charge_status="refund_due").update(
        charge_status="refunded"
    )
    # Staff marked cash orders paid: the cash is recorded as an approved payment.
    for order in orders.filter(
        status__in=["paid", "shipped", "delivered"], payment_method__in=CASH
    ):
        _cash_payment(Payment, order, status="approved")
    orders.filter(status__in=["paid", "shipped", "delivered"]).update(charge_status="paid")

    # Then where the goods are.
    orders.filter(status="pending_payment", payment_method__in=CASH).update(status="confirmed")
    orders.filter(status="paid").update(status="confirmed")
    orders.filter(status="shipped", shipping_method__in=PICKUP).update(status="ready_for_pickup")
    orders.filter(status="delivered", shipping_method__in=PICKUP).update(status="collected")
    orders.filter(status="refunded").update(status="cancelled")

    # The event log in the new words.
    events = OrderEvent.objects
    events.filter(to_status="paid").update(
        to_status="confirmed", from_charge="unpaid", to_charge="paid"
    )
    events.filter(from_status="paid").update(from_status="confirmed")
    events.filter(to_status="refunded").update(
        to_status="cancelled", from_charge="paid", to_charge="refunded"
    )


def _cash_payment(Payment, order, *, status):
    payment = (
        Payment.objects.filter(order=order, provider=order.payment_method)
        .exclude(status__in=["refunded", "refund_due", "approved"])
        .order_by("-pk")
        .first()
    )
    if payment is None:
        payment = Payment(order=order, provider=order.payment_method)
    payment.amount, payment.currency, payment.status = order.total, order.currency, status
    payment.save()


def backward(apps, schema_editor):
    orders = apps.get_model("shop", "Order").objects
    orders.filter(status="placed").update(status="pending_payment")
    orders.filter(status="confirmed", charge_status="paid").update(status="paid")
    orders.filter(status="confirmed").update(status="pending_payment")
    orders.filter(status="ready_for_pickup").update(status="shipped")
    orders.filter(status="collected").update(status="delivered")
    orders.filter(status="cancelled", charge_status="refunded").update(status="refunded")


class Migration(migrations.Migration):
    dependencies = [("shop", "0012_order_charge")]

    operations = [migrations.RunPython(forward, backward)]
