import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from shop.delivery.shipping import shipping_get
from shop.orders.states import GOODS_OUT, ChargeStatus, OrderAction, OrderStatus

# No 0/O, 1/I/L, U: numbers are read out over the phone.
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
NUMBER_LENGTH = 6


def order_number_new() -> str:
    """SS-2026-7KQ4ZP: human-friendly, and random so no one can guess the next one."""
    suffix = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(NUMBER_LENGTH))
    return f"SS-{timezone.now().year}-{suffix}"


def order_language_default() -> str:
    """The language the order is placed in: the shopper's, active in their request."""
    return translation.get_language() or settings.LANGUAGE_CODE


COMMENT_MAX_LENGTH = 500

# Nova Poshta's waybill (ТТН, "експрес-накладна"): 14 digits.
WAYBILL_VALIDATOR = RegexValidator(
    r"^[0-9]{14}\Z", _("A Nova Poshta waybill number is 14 digits."), code="waybill"
)
TRACKING_URL = "https://novaposhta.ua/tracking/?cargo_number={waybill}"


class ContactDetails(models.Model):
    """The shopper's e-mail, name and address, in the order checkout asks for them: the one
    definition the order, the checkout form (shop/checkout/forms.py), CheckoutDetails, the admin and
    the prefill from the last order (order_last_details) all read."""

    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address_line1 = models.CharField(_("address"), max_length=200)
    address_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=20)
    # An ISO 3166 code ("UA") since checkout offers a choice; older orders hold a name.
    country = models.CharField(_("country"), max_length=100)
    comment = models.TextField(_("order comment"), max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        abstract = True


DETAILS_FIELDS: tuple[str, ...] = tuple(f.name for f in ContactDetails._meta.fields)
# Optional ones (blank allowed): the rest must be given.
DETAILS_OPTIONAL: frozenset[str] = frozenset(f.name for f in ContactDetails._meta.fields if f.blank)
# Name and address without the e-mail (an account has its own) or the last order's comment.
ADDRESS_FIELDS: tuple[str, ...] = tuple(
    name for name in DETAILS_FIELDS if name not in ("email", "comment")
)


class Order(ContactDetails):
    number = models.CharField(_("number"), max_length=20, unique=True, default=order_number_new)
    # Orders belong to an account by key, never by matching e-mail addresses.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("customer account"),
    )

    shipping_method = models.CharField(_("shipping method"), max_length=30)
    shipping_price = models.DecimalField(_("shipping"), max_digits=10, decimal_places=2)
    # Nova Poshta's branch or parcel locker (shop/delivery/): a snapshot of what was chosen,
    # readable after Nova Poshta renumbers or closes it. Blank for other methods.
    np_city_ref = models.CharField(max_length=36, blank=True)
    np_city = models.CharField(_("Nova Poshta city"), max_length=200, blank=True)
    np_warehouse_ref = models.CharField(max_length=36, blank=True)
    np_warehouse_number = models.PositiveIntegerField(
        _("Nova Poshta branch number"), null=True, blank=True
    )
    np_warehouse = models.CharField(_("Nova Poshta branch"), max_length=300, blank=True)
    waybill = models.CharField(
        _("waybill (TTN)"),
        max_length=20,
        blank=True,
        validators=[WAYBILL_VALIDATOR],
        help_text=_("Nova Poshta's 14-digit waybill number, once the parcel is sent."),
    )
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PENDING_PAYMENT,
        db_index=True,
    )
    # The order's money, apart from where its goods are (`shop.orders.states`): changed only
    # by the services, with the Payment rows that justify it.
    charge_status = models.CharField(
        _("payment"),
        max_length=20,
        choices=ChargeStatus.choices,
        default=ChargeStatus.UNPAID,
        db_index=True,
    )
    payment_method = models.CharField(_("payment method"), max_length=20)
    # E-mails about the order go out in it, and link to its pages in it (a code of
    # settings.LANGUAGES; orders from before languages were English).
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=order_language_default
    )
    created_at = models.DateTimeField(_("placed"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    # The checkout attempt that placed the order: the idempotency key from the review form.
    # Unique, so however many "Place order" requests of one attempt arrive, one order exists.
    # NULL for orders from before tokens: NULLs never clash in a unique column.
    checkout_token = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    # The confirmation e-mail goes out after commit, off the request path, and is retried
    # until it is sent (`shop.orders.notifications`).
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmation_attempts = models.PositiveSmallIntegerField(_("confirmation attempts"), default=0)
    # Set when the confirmation becomes due; each attempt pushes it on (lease, then backoff).
    confirmation_next_attempt_at = models.DateTimeField(
        _("next confirmation attempt"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        # Refunding moves money back to the shopper, and recording cash says money came in:
        # permissions of their own, not "change".
        permissions = [
            ("refund_order", _("Can refund orders")),
            ("record_cash_order", _("Can record cash received for orders")),
        ]
        indexes = [
            models.Index(fields=["status", "payment_method", "created_at"]),
            # At a million orders (docs/performance.md "At size"): the admin's list filtered
            # by status or charge status, newest first; its search by the start of an e-mail
            # whatever its case (`shop.orders.search`); the dashboard's cash to record.
            models.Index(fields=["status", "-created_at"], name="order_status_newest"),
            models.Index(fields=["charge_status", "-created_at"], name="order_charge_newest"),
            models.Index(fields=["status", "charge_status"], name="order_status_charge"),
            # (On PostgreSQL its migration builds it with text_pattern_ops, for LIKE 'start%'.)
            models.Index(Lower("email"), name="order_email_lower"),
            models.Index(
                fields=["-created_at"],
                name="order_goods_out_unpaid",
                condition=models.Q(charge_status=ChargeStatus.UNPAID, status__in=sorted(GOODS_OUT)),
            ),
            # The retry sweep reads only confirmations still to send.
            models.Index(
                fields=["confirmation_next_attempt_at"],
                name="order_confirmation_due",
                condition=models.Q(confirmation_sent_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("shop:order_detail", kwargs={"number": self.number})

    @property
    def tracking_url(self) -> str:
        return TRACKING_URL.format(waybill=self.waybill) if self.waybill else ""

    @property
    def is_pickup(self) -> bool:
        method = shipping_get(self.shipping_method)
        return method.is_pickup if method else False


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    # A snapshot: what was bought stays readable after the product changes or is deleted.
    product = models.ForeignKey(
        "shop.Product", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    product_name = models.CharField(_("product"), max_length=200)
    sku = models.CharField(_("SKU"), max_length=40)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="orderline_qty_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


class OrderEvent(models.Model):
    """One row per step of the order (shop/orders/states.py): who, when, why, and its status
    and charge status before and after (equal when the step changed only the other one)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=20, choices=OrderStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices)
    action = models.CharField(_("step"), max_length=30, choices=OrderAction.choices, blank=True)
    from_charge = models.CharField(
        _("payment from"), max_length=20, choices=ChargeStatus.choices, blank=True
    )
    to_charge = models.CharField(
        _("payment to"), max_length=20, choices=ChargeStatus.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")

    def __str__(self) -> str:
        # In the reader's language (the admin's inline rows): labels, not codes.
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class PaymentStatus(models.TextChoices):
    STARTED = "started", _("Started")
    # The shopper chose a delayed method (a bank debit): the money is on its way, not here yet.
    PROCESSING = "processing", _("Processing")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    FAILED = "failed", _("Failed")
    # Money arrived for an order that could not take it (paid twice, or expired and sold out
    # since): staff refund it with the order's "Refund" action.
    REFUND_DUE = "refund_due", _("Received, to refund")
    REFUNDED = "refunded", _("Refunded")


# The provider has the money (or gave it back): nothing the provider says later about the
# attempt's success or failure changes it again.
PAYMENT_SETTLED = frozenset(
    {PaymentStatus.APPROVED, PaymentStatus.REFUND_DUE, PaymentStatus.REFUNDED}
)


def payment_reference_new() -> str:
    return secrets.token_urlsafe(24)


class Payment(models.Model):
    """One attempt to pay an order; a declined attempt is kept and a retry is a new row."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    provider = models.CharField(_("provider"), max_length=20)
    # Our own unguessable id for the attempt; a gateway's session id goes in external_id.
    reference = models.CharField(max_length=64, unique=True, default=payment_reference_new)
    external_id = models.CharField(max_length=255, blank=True, db_index=True)
    # The provider's id of the money movement, once known (Stripe: the PaymentIntent), for
    # refunds and for matching the provider's later news about it.
    transaction_id = models.CharField(max_length=255, blank=True, db_index=True)
    # The provider's hosted page for the attempt, when its API gives it only once (monobank's
    # pageUrl): "Pay now" sends the shopper back there while the attempt is open.
    page_url = models.URLField(max_length=500, blank=True, editable=False)
    # When the provider last changed the attempt, by its clock (monobank's modifiedDate): news
    # about it that is older than this is stale and changes nothing.
    provider_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.STARTED
    )
    failure_reason = models.CharField(_("failure reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        # No provider code here: staff read the provider's label beside it (the admin's
        # provider column, the `payment_line` template filter).
        return f"{self.amount} {self.currency} · {self.get_status_display()}"
