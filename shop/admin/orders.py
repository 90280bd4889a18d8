"""Order admin. Status actions call the same services as the shop itself, so the pipeline,
event log and stock rules hold whoever changes an order."""

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop.models import Order, OrderEvent, OrderLine, OrderStatus, Payment
from shop.models.orders import DETAILS_FIELDS
from shop.services.orders import OrderTransitionError, order_transition

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ItemCount(TypedDict):
    _item_count: int


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = readonly_fields = (
        "product_name",
        "sku",
        "unit_price",
        "quantity",
        "line_total",
    )

    @admin.display(description=_("total"))
    def line_total(self, line: OrderLine):
        return line.total


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = readonly_fields = (
        "created_at",
        "from_status",
        "to_status",
        "actor",
        "note",
    )
    verbose_name_plural = _("event log")


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = readonly_fields = (
        "created_at",
        "provider",
        "amount",
        "currency",
        "status",
        "failure_reason",
    )


def _transition_action(to: str, label):
    # Changing an order's status is changing the order: staff who may only view orders are
    # neither offered the action nor allowed to post it.
    # format_lazy: the label is put in when the admin shows it, in the staff member's
    # language (a "%" here would translate once, at import, in the default language).
    @admin.action(
        permissions=["change"],
        description=format_lazy(_("Mark selected orders {label}"), label=label),
    )
    def action(modeladmin, request, queryset):
        moved = 0
        for order in queryset:
            try:
                order_transition(order=order, to=to, actor=request.user, note="Admin action")
                moved += 1
            except OrderTransitionError as error:
                modeladmin.message_user(request, str(error), messages.WARNING)
        if moved:
            modeladmin.message_user(
                request, _("%(n)d order(s) marked %(label)s.") % {"n": moved, "label": label}
            )

    action.__name__ = f"mark_{to}"
    return action


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "created_at",
        "email",
        "status",
        "payment_method",
        "item_count",
        "total",
        "currency",
    ]
    list_filter = ["status", "payment_method", "created_at", "shipping_method"]
    date_hierarchy = "created_at"
    search_fields = ["number", "email"]
    inlines = [OrderLineInline, PaymentInline, OrderEventInline]
    actions = [
        _transition_action(OrderStatus.PAID, pgettext_lazy("orders marked", "paid")),
        _transition_action(OrderStatus.SHIPPED, pgettext_lazy("orders marked", "shipped")),
        _transition_action(OrderStatus.DELIVERED, pgettext_lazy("orders marked", "delivered")),
        _transition_action(OrderStatus.CANCELLED, pgettext_lazy("orders marked", "cancelled")),
    ]
    # Money, status and ownership change only through services, never by editing fields.
    readonly_fields = [
        "number",
        "user",
        "status",
        "payment_method",
        "shipping_method",
        "shipping_price",
        "subtotal",
        "total",
        "currency",
        "language",
        "created_at",
        "updated_at",
        "paid_at",
        "confirmation_sent_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "status",
                    "user",
                    "language",
                    "created_at",
                    "updated_at",
                    "paid_at",
                ]
            },
        ),
        (_("Contact and address"), {"fields": DETAILS_FIELDS}),
        (
            _("Money"),
            {
                "fields": [
                    "payment_method",
                    "shipping_method",
                    "subtotal",
                    "shipping_price",
                    "total",
                    "currency",
                    "confirmation_sent_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_item_count=Count("lines"))

    @admin.display(description=_("lines"), ordering="_item_count")
    def item_count(self, order: "WithAnnotations[Order, ItemCount]") -> int:
        return order._item_count

    def has_add_permission(self, request) -> bool:
        return False  # orders come from checkout

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # orders are records; cancel instead
