from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DiscrepancyKind(models.TextChoices):
    PAID_THERE_ONLY = "paid_there_only", _("Paid at the provider, not in the shop")
    PAID_HERE_ONLY = "paid_here_only", _("Paid in the shop, not at the provider")
    AMOUNT_MISMATCH = "amount_mismatch", _("Amount or currency differ")
    REFUNDED_THERE_ONLY = "refunded_there_only", _("Refunded at the provider only")


class PaymentDiscrepancy(models.Model):
    """A difference between a payment provider's records and ours, found by reconciliation
    (`manage.py reconcile_payments`). One row per kind and provider object, so each is
    reported once; staff mark it resolved when they have dealt with it."""

    provider = models.CharField(_("provider"), max_length=20)
    kind = models.CharField(_("kind"), max_length=30, choices=DiscrepancyKind.choices)
    # The provider's id of what differs: a Checkout Session (cs_…) or a Refund (re_…); for
    # a payment the provider does not have, our attempt's id there (or its reference).
    object_id = models.CharField(_("provider's id"), max_length=255)
    order = models.ForeignKey(
        "shop.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payment_discrepancies",
        verbose_name=_("order"),
    )
    payment = models.ForeignKey(
        "shop.Payment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discrepancies",
        verbose_name=_("payment"),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=3, null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    # What differs, for staff: ids, states and amounts only.
    detail = models.CharField(_("detail"), max_length=255)
    found_at = models.DateTimeField(_("found"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        ordering = ["-found_at", "-pk"]
        verbose_name = _("payment discrepancy")
        verbose_name_plural = _("payment discrepancies")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "kind", "object_id"], name="paymentdiscrepancy_once"
            )
        ]
        permissions = [("resolve_paymentdiscrepancy", _("Can mark payment discrepancies resolved"))]

    def __str__(self) -> str:
        return f"{self.provider} {self.kind} {self.object_id}"
