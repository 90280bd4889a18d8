from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.Model):
    """One row per provider event we acted on, by the provider's event id (unique): a replayed
    or simultaneously delivered event finds its row and changes nothing. Written in the same
    transaction as what the event did, so an event whose handling failed is not recorded and
    the provider's retry is handled afresh."""

    provider = models.CharField(_("provider"), max_length=20)
    event_id = models.CharField(_("event id"), max_length=255)
    type = models.CharField(_("type"), max_length=100)
    payment = models.ForeignKey(
        "shop.Payment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webhook_events",
        verbose_name=_("payment"),
    )
    # What the event did, for staff: "paid", "replay of a settled attempt", "unknown session" …
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("payment provider event")
        verbose_name_plural = _("payment provider events")
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="webhookevent_once")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.type} {self.event_id}"
