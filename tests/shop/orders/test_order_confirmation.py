"""The order confirmation e-mail: after commit, off the request path, retried until sent,
sent once."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from shop.models import Order, OrderStatus
from shop.orders.notifications import (
    BACKOFF_FIRST,
    GIVE_UP_AFTER,
    SWEEP_GRACE,
    TASK_RETRIES,
    order_confirmation_enqueue,
    order_confirmation_schedule,
    order_confirmation_send,
    order_confirmations_retry,
)
from tests.blog.test_tasks import DATABASE_TASKS
from tests.shop.factories import OrderFactory, OrderLineFactory
from tests.support.mail import mail_back, smtp_down

FAILING = "tests.support.mail.FailingEmailBackend"
PERSONAL = ("buyer", "@example.com", "Olena", "Khreshchatyk", "+380")

pytestmark = pytest.mark.django_db


def due_order(**fields):
    """An order whose confirmation is due now (as after placing or paying it)."""
    order = OrderFactory.create(
        cod=True, confirmation_next_attempt_at=timezone.now() - timedelta(seconds=1), **fields
    )
    OrderLineFactory.create(order=order)
    return order


def test_scheduling_sends_once_after_commit(django_capture_on_commit_callbacks):
    order = OrderFactory.create(cod=True)
    OrderLineFactory.create(order=order, product_name="Kettle")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order_confirmation_schedule(order=order)
        order.refresh_from_db()
        assert order.confirmation_next_attempt_at is not None  # due, in the same transaction
        assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [order.email]
    assert "Kettle" in message.body
    assert "/orders/link/" in message.body
    order.refresh_from_db()
    assert order.confirmation_sent_at is not None
    assert order.confirmation_attempts == 1
    assert order_confirmation_send(order_id=order.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_failed_send_is_recorded_reported_once_without_personal_data_and_backed_off(
    settings, caplog, time_machine
):
    settings.EMAIL_BACKEND = FAILING
    order = due_order()
    with caplog.at_level(logging.INFO, logger="shop.orders.notifications"):
        assert order_confirmation_send(order_id=order.pk) == "failed"
        order.refresh_from_db()
        first_retry = order.confirmation_next_attempt_at
        assert first_retry - timezone.now() == pytest.approx(
            BACKOFF_FIRST, abs=timedelta(seconds=5)
        )
        assert order_confirmation_send(order_id=order.pk) == "skipped"  # not before its time
        time_machine.move_to(first_retry, tick=False)
        assert order_confirmation_send(order_id=order.pk) == "failed"
    order.refresh_from_db()
    assert order.confirmation_attempts == 2
    assert order.confirmation_next_attempt_at - first_retry == 2 * BACKOFF_FIRST
    assert order.confirmation_sent_at is None
    records = [r for r in caplog.records if r.name == "shop.orders.notifications"]
    assert [r.levelname for r in records] == ["ERROR", "WARNING"]
    for record in records:
        assert order.number in record.getMessage()
        assert "SMTPServerDisconnected" in record.getMessage()
        assert record.exc_info is None
        assert not [p for p in PERSONAL if p in record.getMessage()]


class MidSendBackend(locmem.EmailBackend):
    """Delivers to the test outbox, running `during` first: another run arriving mid-send."""

    during = staticmethod(lambda: None)

    def send_messages(self, messages):
        type(self).during()
        return super().send_messages(messages)


def test_a_second_run_while_one_is_sending_does_not_send_again(settings, monkeypatch):
    """The claim: a retry and the sweep (or two workers) at the same moment send one e-mail."""
    order = due_order()
    inner = []
    monkeypatch.setattr(
        MidSendBackend,
        "during",
        staticmethod(lambda: inner.append(order_confirmation_send(order_id=order.pk))),
    )
    settings.EMAIL_BACKEND = f"{__name__}.MidSendBackend"
    assert order_confirmation_send(order_id=order.pk) == "sent"
    assert inner == ["skipped"]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", [OrderStatus.CANCELLED, OrderStatus.EXPIRED])
def test_an_order_that_no_longer_stands_gets_no_confirmation(status):
    order = due_order(status=status)
    assert order_confirmation_send(order_id=order.pk) == "skipped"
    assert order_confirmations_retry(now=timezone.now() + timedelta(hours=1)) == []
    assert mail.outbox == []


def test_the_sweep_queues_only_overdue_confirmations_and_gives_up_after_days(settings):
    now = timezone.now()
    overdue = due_order()
    Order.objects.filter(pk=overdue.pk).update(
        confirmation_next_attempt_at=now - SWEEP_GRACE - timedelta(seconds=1)
    )
    waiting = due_order()  # its retry is on time: a deferred task has it
    OrderFactory.create(cod=True)  # never scheduled (an order from before retries existed)
    OrderFactory.create(cod=True, confirmation_sent_at=now, confirmation_next_attempt_at=None)
    forgotten = due_order(created_at=now - GIVE_UP_AFTER - timedelta(minutes=1))
    Order.objects.filter(pk=forgotten.pk).update(
        confirmation_next_attempt_at=now - timedelta(days=1)
    )

    assert order_confirmations_retry(now=now) == [overdue.number]
    assert [m.to for m in mail.outbox] == [[overdue.email]]
    assert order_confirmations_retry(now=now) == []
    waiting.refresh_from_db()
    assert waiting.confirmation_attempts == 0


def test_the_sweep_command_reports_what_it_queued(settings, time_machine):
    settings.EMAIL_BACKEND = FAILING
    order = due_order()
    order_confirmation_send(order_id=order.pk)
    mail_back(settings)
    order.refresh_from_db()
    time_machine.move_to(order.confirmation_next_attempt_at + SWEEP_GRACE, tick=False)
    out = StringIO()
    call_command("send_order_confirmations", stdout=out)
    assert f"Queued the confirmation of {order.number}" in out.getvalue()
    assert "1 confirmation(s) queued." in out.getvalue()
    assert len(mail.outbox) == 1


def test_a_confirmation_that_cannot_be_queued_is_logged_not_raised(settings, caplog):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["elsewhere"],  # the task's queue is refused: enqueue raises
        }
    }
    order = due_order()
    with caplog.at_level(logging.ERROR, logger="shop.orders.notifications"):
        order_confirmation_enqueue(order_id=order.pk)
    [record] = caplog.records
    assert "not queued (InvalidTaskError)" in record.getMessage()
    order.refresh_from_db()
    assert order.confirmation_next_attempt_at is not None  # still due: the sweep takes it


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_task_retries_itself_later_and_sends_once(
    settings, time_machine
):
    settings.TASKS = DATABASE_TASKS
    smtp_down(settings)
    order = due_order()

    def worker() -> None:
        call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO())

    order_confirmation_enqueue(order_id=order.pk)
    worker()  # the first attempt fails; the task queues its retry for later
    order.refresh_from_db()
    assert order.confirmation_attempts == 1
    [retry] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert retry.run_after == order.confirmation_next_attempt_at
    worker()  # not due yet: nothing runs
    order.refresh_from_db()
    assert order.confirmation_attempts == 1

    mail_back(settings)
    time_machine.move_to(order.confirmation_next_attempt_at, tick=False)
    worker()
    order.refresh_from_db()
    assert order.confirmation_sent_at is not None
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_the_task_queues_a_bounded_number_of_retries_then_leaves_them_to_the_sweep(settings):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = FAILING
    order = due_order()
    for _attempt in range(TASK_RETRIES + 2):
        Order.objects.filter(pk=order.pk).update(confirmation_next_attempt_at=timezone.now())
        assert order_confirmation_send(order_id=order.pk) == "failed"
    retries = DBTaskResult.objects.filter(task_path="shop.tasks.order_confirmation_task")
    assert retries.count() == TASK_RETRIES
    order.refresh_from_db()
    assert order.confirmation_attempts == TASK_RETRIES + 2
