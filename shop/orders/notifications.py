"""E-mails about an order: sent after commit, off the request path, retried until sent.

`order_confirmation_schedule`, called inside the transaction that makes the confirmation due,
marks it due and queues `shop.tasks.order_confirmation_task` for after the commit, so a
rolled-back order never gets one. A failed send never reaches the shopper: it is logged without
the address, retried with backoff (up to TASK_RETRIES where the tasks backend can defer), and
`order_confirmations_retry` (`manage.py send_order_confirmations`) queues what is still due
until GIVE_UP_AFTER. Each send is claimed with a LEASE in one UPDATE, so it goes once. The
links are absolute on the `site_url` captured when the e-mail is queued. `order_link_request`
e-mails an order's link again. The whole pipeline: docs/emails-and-tasks.md, "Order e-mails".
"""

import logging
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from core.site import site_url as current_site_url
from shop.models import Order, OrderStatus
from shop.orders.links import order_link_url

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

# A send holds its claim this long: far beyond one SMTP conversation (EMAIL_TIMEOUT).
LEASE = timedelta(minutes=5)
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)
# Deferred retries the task queues itself (1, 2, 4, 8, 16 minutes); the sweep does the rest.
TASK_RETRIES = 5
# How long past its time an attempt must be before the sweep queues it: a deferred retry
# that is on time is not queued twice.
SWEEP_GRACE = timedelta(minutes=5)
SWEEP_BATCH = 100
GIVE_UP_AFTER = timedelta(days=3)
# No confirmation for an order that no longer stands.
ENDED_STATUSES = (OrderStatus.CANCELLED, OrderStatus.EXPIRED)


def order_confirmation_schedule(*, order: Order) -> None:
    """Mark the confirmation of `order` due and send it after commit. Call inside the
    transaction that makes it due; does nothing for a confirmation already due or sent."""
    Order.objects.filter(
        pk=order.pk, confirmation_sent_at=None, confirmation_next_attempt_at=None
    ).update(confirmation_next_attempt_at=timezone.now())
    transaction.on_commit(
        partial(order_confirmation_enqueue, order_id=order.pk, site_url=current_site_url())
    )


def order_confirmation_enqueue(
    *, order_id: int, run_after: datetime | None = None, site_url: str = ""
) -> None:
    """Queue the send task (at `run_after`, on a backend that can defer). Never raises: it
    runs after commit, where an error would turn a placed order into an error page. A
    confirmation that could not be queued stays due, for the sweep."""
    from shop.tasks import order_confirmation_task  # the task module imports this one

    task = order_confirmation_task
    if run_after is not None:
        task = task.using(run_after=run_after)
    try:
        task.enqueue(order_id=order_id, site_url=site_url)
    except Exception as error:
        logger.error(
            "confirmation e-mail for order id %s not queued (%s); the sweep will retry",
            order_id,
            type(error).__name__,
        )


def order_confirmation_send(*, order_id: int, site_url: str = "") -> str:
    """Send the confirmation of order `order_id` if it is due now and no one else is sending
    it, its link on `site_url`. Returns "sent", "failed" (recorded, reported, retried later)
    or "skipped". Safe to run any number of times, at the same time."""
    now = timezone.now()
    claimed = (
        _confirmations_due()
        .filter(pk=order_id, confirmation_next_attempt_at__lte=now)
        .update(
            confirmation_attempts=F("confirmation_attempts") + 1,
            confirmation_next_attempt_at=now + LEASE,
        )
    )
    if not claimed:
        return "skipped"
    order = Order.objects.prefetch_related("lines").get(pk=order_id)
    try:
        order_confirmation_message(order=order, site_url=site_url).send()
    except Exception as error:  # whatever the mail backend raises, the order stands
        _send_failed(order, error, site_url=site_url)
        return "failed"
    Order.objects.filter(pk=order.pk).update(
        confirmation_sent_at=timezone.now(), confirmation_next_attempt_at=None
    )
    if order.confirmation_attempts > 1:
        logger.info(
            "confirmation e-mail for order %s sent at attempt %d",
            order.number,
            order.confirmation_attempts,
        )
    return "sent"


def order_confirmation_message(*, order: Order, site_url: str = "") -> EmailMultiAlternatives:
    """The confirmation e-mail of `order` (lines prefetched), text and HTML, with its signed
    link (shop/orders/links.py): in the order's language, wherever it is sent from (a task
    runs outside any shopper's request), its link to the order's page in that language too."""
    return _order_message(
        order=order,
        site_url=site_url,
        subject=gettext_lazy("Your SmartShop AI order %(number)s"),
        template="shop/email/order_confirmation",
    )


def order_confirmations_retry(*, now: datetime | None = None) -> list[str]:
    """The sweep: queue each confirmation that is due, unsent and overdue; return the order
    numbers. Safe to run from cron at any frequency."""
    now = now or timezone.now()
    overdue = (
        _confirmations_due()
        .filter(
            confirmation_next_attempt_at__lte=now - SWEEP_GRACE,
            created_at__gte=now - GIVE_UP_AFTER,
        )
        .order_by("confirmation_next_attempt_at")
        .values_list("pk", "number")[:SWEEP_BATCH]
    )
    queued = []
    for pk, number in overdue:
        order_confirmation_enqueue(order_id=pk)
        queued.append(number)
    return queued


def _confirmations_due() -> QuerySet[Order]:
    return Order.objects.filter(
        confirmation_sent_at=None, confirmation_next_attempt_at__isnull=False
    ).exclude(status__in=ENDED_STATUSES)


def _send_failed(order: Order, error: Exception, *, site_url: str) -> None:
    attempt = order.confirmation_attempts
    retry_at = timezone.now() + min(BACKOFF_FIRST * 2 ** (attempt - 1), BACKOFF_MAX)
    Order.objects.filter(pk=order.pk, confirmation_sent_at=None).update(
        confirmation_next_attempt_at=retry_at
    )
    # The order number and the error's class only: an SMTP error's text can quote the
    # recipient. Reported once per confirmation (ERROR: a Sentry event), then warnings.
    report = logger.error if attempt == 1 else logger.warning
    report(
        "confirmation e-mail for order %s not sent (%s, attempt %d); next attempt after %s",
        order.number,
        type(error).__name__,
        attempt,
        retry_at.isoformat(timespec="seconds"),
    )
    if attempt <= TASK_RETRIES and _tasks_can_defer():
        order_confirmation_enqueue(order_id=order.pk, run_after=retry_at, site_url=site_url)


def _tasks_can_defer() -> bool:
    from shop.tasks import order_confirmation_task

    return order_confirmation_task.get_backend().supports_defer


# --- "Find my order": the signed link, sent again ----------------------------------------


def order_link_request(*, number: str, email: str) -> None:
    """Send order `number`'s signed link to `email` if the order was placed with that address.
    Whether it was is decided by the task, not here: the request that asks does the same work
    (queue one task) whether or not such an order exists, so its answer and its timing tell
    nothing. The link's base is captured now (core/site.py)."""
    transaction.on_commit(
        partial(_order_link_enqueue, number=number, email=email, site_url=current_site_url())
    )


def _order_link_enqueue(*, number: str, email: str, site_url: str) -> None:
    from shop.tasks import order_link_task  # the task module imports this one

    try:
        order_link_task.enqueue(number=number, email=email, site_url=site_url)
    except Exception as error:  # the shopper can ask again; never an error page
        logger.error("order link e-mail not queued (%s)", type(error).__name__)


def order_link_send(*, number: str, email: str, site_url: str = "") -> str:
    """Send the link if order `number` was placed with `email` (any case): "sent", "no match"
    or "failed". A failure is logged with the order number and the error's class, never the
    address, the link or the mail server's text; the shopper may simply ask again."""
    order = Order.objects.filter(number=number).prefetch_related("lines", "payments").first()
    if order is None or order.email.casefold() != email.casefold():
        return "no match"
    try:
        order_link_message(order=order, site_url=site_url).send()
    except Exception as error:
        logger.error(
            "order link e-mail for order %s not sent (%s)", order.number, type(error).__name__
        )
        return "failed"
    return "sent"


def order_link_message(*, order: Order, site_url: str = "") -> EmailMultiAlternatives:
    """The e-mail "Find my order" sends: the order's summary and its signed link, in the
    order's language like its confirmation."""
    return _order_message(
        order=order,
        site_url=site_url,
        subject=gettext_lazy("Your link to SmartShop AI order %(number)s"),
        template="shop/email/order_link",
    )


def _order_message(
    *, order: Order, site_url: str, subject: "StrOrPromise", template: str
) -> EmailMultiAlternatives:
    """An e-mail about `order` to its address, in its language: `template`.txt and .html
    with the order and its signed link; `subject` (lazy, so translated here) takes %(number)s."""
    with translation.override(order.language):
        context = {"order": order, "order_url": order_link_url(order=order, base=site_url)}
        message = EmailMultiAlternatives(
            subject=str(subject) % {"number": order.number},
            body=render_to_string(f"{template}.txt", context),
            to=[order.email],
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
