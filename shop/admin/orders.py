"""Order admin. Its actions take the steps of the order state machine (`shop.orders.states`)
through the same services as the shop itself, so the step table, the event log, the money and
stock rules hold whoever changes an order. Each action declares its permission."""

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.sudo import sudo_required
from core.paginator import EstimatedCountPaginator
from shop.delivery.shipping import SHIPPING_METHODS, shipping_label
from shop.models import (
    ChargeStatus,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    PaymentDiscrepancy,
    PaymentStatus,
    WebhookEvent,
)
from shop.models.orders import DETAILS_FIELDS
from shop.orders.dashboard import dashboard_get
from shop.orders.event_text import event_text
from shop.orders.presenters import payment_method_label
from shop.orders.search import order_search
from shop.orders.services import OrderTransitionError, order_cash_record, order_transition
from shop.orders.states import OrderAction
from shop.payments.providers import provider_choices
from shop.payments.refunds import order_cancel, order_refund
from shop.templatetags.money import money

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ItemCount(TypedDict):
    _item_count: int


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
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
    def line_total(self, line: OrderLine) -> Decimal:
        return line.total


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = readonly_fields = (
        "created_at",
        "action",
        "from_status",
        "to_status",
        "from_charge",
        "to_charge",
        "actor",
        "note_text",
    )
    verbose_name_plural = _("event log")

    @admin.display(description=_("note"))
    def note_text(self, event: OrderEvent) -> str:
        return event_text(event.note)


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = readonly_fields = (
        "created_at",
        "provider_label",
        "amount",
        "currency",
        "status",
        "failure_reason_text",
        "external_id",
        "transaction_id",
    )

    @admin.display(description=_("failure reason"))
    def failure_reason_text(self, payment: Payment) -> str:
        return event_text(payment.failure_reason)

    @admin.display(description=_("provider"))
    def provider_label(self, payment: Payment) -> str | Promise:
        return payment_method_label(payment.provider)


class PaymentMethodFilter(admin.SimpleListFilter):
    """By payment method, named as shoppers see it ("Cash on delivery", not "cod")."""

    title = _("payment method")
    parameter_name = "payment_method"

    # The labels are lazy strings typed `str | Promise` (shop.payments.base,
    # shop.delivery.shipping); django-stubs wants its narrower lazy-string type here.
    def lookups(  # type: ignore[override]
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str | Promise]]:
        return provider_choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet[Order]) -> QuerySet[Order]:
        return queryset.filter(payment_method=self.value()) if self.value() else queryset


class ShippingMethodFilter(admin.SimpleListFilter):
    """By delivery method, named as in the shipping table ("Pick up at our store")."""

    title = _("delivery")
    parameter_name = "shipping_method"

    # The labels are lazy strings typed `str | Promise` (shop.payments.base,
    # shop.delivery.shipping); django-stubs wants its narrower lazy-string type here.
    def lookups(  # type: ignore[override]
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str | Promise]]:
        return [(m.code, m.label) for m in SHIPPING_METHODS.values()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Order]) -> QuerySet[Order]:
        return queryset.filter(shipping_method=self.value()) if self.value() else queryset


def _transition_action(
    action: str, label: str | Promise
) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Order]], None]:
    # Moving the goods is changing the order: staff who may only view orders are neither
    # offered the action nor allowed to post it. format_lazy: the label is put in when the
    # admin shows it, in the staff member's language (a "%" here would translate once, at
    # import, in the default language).
    @admin.action(
        permissions=["change"],
        description=format_lazy(_("Mark selected orders {label}"), label=label),
    )
    def move(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        moved = 0
        for order in queryset:
            try:
                order_transition(order=order, action=action, actor=request.user, note="Admin")
                moved += 1
            except OrderTransitionError as error:
                modeladmin.message_user(request, str(error), messages.WARNING)
        if moved:
            modeladmin.message_user(
                request, _("%(n)d order(s) marked %(label)s.") % {"n": moved, "label": label}
            )

    move.__name__ = f"mark_{OrderAction(action).value}"
    return move


# Cancelling is changing the order; a paid one's money goes back on the way, which the
# service allows only to staff who may also refund (shop.refund_order).
@admin.action(permissions=["change"], description=_("Cancel selected orders"))
def mark_cancelled(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Order]
) -> HttpResponse | None:
    # A paid order's money goes back on the way: the second factor again, if not given lately.
    if queryset.filter(charge_status=ChargeStatus.PAID).exists():
        return _cancel_refunding(modeladmin, request, queryset)
    _cancel(modeladmin, request, queryset)
    return None


def _cancel(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Order]) -> None:
    cancelled = 0
    for order in queryset:
        held = order.charge_status == ChargeStatus.PAID
        try:
            order_cancel(order=order, actor=request.user, note="Admin")
        except OrderTransitionError as error:
            modeladmin.message_user(request, str(error), messages.WARNING)
            continue
        cancelled += 1
        if held and order.charge_status == ChargeStatus.REFUND_DUE:
            message = _(
                "Order %(number)s: its cash is due back to the shopper; record it with "
                "“Refund” once handed back."
            )
            values = {"number": order.number}
            modeladmin.message_user(request, message % values, messages.WARNING)
        elif held:
            message = _("Order %(number)s: its payment was refunded.")
            modeladmin.message_user(request, message % {"number": order.number})
    if cancelled:
        modeladmin.message_user(request, _("%(n)d order(s) cancelled.") % {"n": cancelled})


_cancel.__name__ = "mark_cancelled"  # the sudo prompt posts the action back by this name
_cancel_refunding = sudo_required(_cancel)


# Cash coming in is money: a permission of its own (shop.record_cash_order).
@admin.action(permissions=["record_cash"], description=_("Record cash received"))
@sudo_required
def record_cash(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Order]
) -> None:
    recorded = 0
    for order in queryset:
        try:
            order_cash_record(order=order, actor=request.user)
            recorded += 1
        except OrderTransitionError as error:
            modeladmin.message_user(request, str(error), messages.WARNING)
    if recorded:
        message = _("Cash recorded for %(n)d order(s).") % {"n": recorded}
        modeladmin.message_user(request, message)


# Money goes back to the shopper: a permission of its own (shop.refund_order), which staff who
# may change orders do not have by default.
@admin.action(permissions=["refund"], description=_("Refund selected orders"))
@sudo_required
def refund(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Order]) -> None:
    refunded = 0
    for order in queryset:
        try:
            done = order_refund(order=order, actor=request.user)
        except OrderTransitionError as error:
            modeladmin.message_user(request, str(error), messages.WARNING)
            continue
        if done == "order":
            refunded += 1
        elif done == "due_back":
            modeladmin.message_user(
                request,
                _("Order %(number)s: the payment due back was refunded; the order stays as it is.")
                % {"number": order.number},
            )
        else:
            message = _("Order %(number)s was refunded before.") % {"number": order.number}
            modeladmin.message_user(request, message)
    if refunded:
        modeladmin.message_user(request, _("%(n)d order(s) refunded.") % {"n": refunded})


class OrderAdminForm(forms.ModelForm):
    # Wider than the column: the spaces printed on the label are dropped below.
    waybill = forms.CharField(
        label=_("waybill (TTN)"),
        max_length=40,
        required=False,
        help_text=_("Nova Poshta's 14-digit waybill number, once the parcel is sent."),
    )

    class Meta:
        model = Order
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose)

    def clean_waybill(self) -> str:
        """Spaces as printed on the label are dropped; the model checks the 14 digits."""
        return "".join(self.cleaned_data.get("waybill", "").split())


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    form = OrderAdminForm
    # Five columns that fit a 1280 px screen next to the filters: who, how much, where it is.
    list_display = ["number", "created_at", "customer", "status_and_payment", "total_amount"]
    list_filter = [
        "status",
        "charge_status",
        PaymentMethodFilter,
        ShippingMethodFilter,
        "created_at",
    ]
    date_hierarchy = "created_at"
    # Searched by the start of a number or e-mail, through indexes (`shop.orders.search`).
    search_fields = ["number", "email"]
    search_help_text = _("The start of an order number (or its last six characters) or e-mail.")
    # At a million orders: no COUNT(*) of the whole table, and the page's count estimated by
    # PostgreSQL when large (`core.paginator`; docs/performance.md "At size").
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    inlines = [OrderLineInline, PaymentInline, OrderEventInline]
    actions = [
        _transition_action(OrderAction.CONFIRM, pgettext_lazy("orders marked", "confirmed")),
        _transition_action(OrderAction.SHIP, pgettext_lazy("orders marked", "shipped")),
        _transition_action(
            OrderAction.READY_FOR_PICKUP, pgettext_lazy("orders marked", "ready for pickup")
        ),
        _transition_action(OrderAction.DELIVER, pgettext_lazy("orders marked", "delivered")),
        _transition_action(OrderAction.COLLECT, pgettext_lazy("orders marked", "collected")),
        record_cash,
        mark_cancelled,
        refund,
    ]
    # Money, status and ownership change only through services, never by editing fields.
    readonly_fields = [
        "number",
        "user",
        "status",
        "charge_status",
        "payment_method_label",
        "shipping_method_label",
        "shipping_price",
        "subtotal",
        "total",
        "currency",
        "language",
        "created_at",
        "updated_at",
        "paid_at",
        "confirmation_sent_at",
        "np_city",
        "np_warehouse_number",
        "np_warehouse",
        "tracking_link",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "status",
                    "charge_status",
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
            _("Delivery"),
            {
                "fields": [
                    "np_city",
                    "np_warehouse_number",
                    "np_warehouse",
                    "waybill",
                    "tracking_link",
                ]
            },
        ),
        (
            _("Money"),
            {
                "fields": [
                    "payment_method_label",
                    "shipping_method_label",
                    "subtotal",
                    "shipping_price",
                    "total",
                    "currency",
                    "confirmation_sent_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Order]:
        # A count per shown order, not a GROUP BY over every order and line.
        lines = (
            OrderLine.objects.filter(order=OuterRef("pk"))
            .order_by()
            .values("order")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).annotate(_item_count=Coalesce(Subquery(lines), 0))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Order], search_term: str
    ) -> tuple[QuerySet[Order], bool]:
        return order_search(queryset, search_term), False

    @admin.display(description=_("tracking"))
    def tracking_link(self, order: Order) -> str:
        if not order.waybill:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>',
            order.tracking_url,
            order.waybill,
        )

    @admin.display(description=_("customer"), ordering="full_name")
    def customer(self, order: Order) -> SafeString:
        return format_html("{}<br><small>{}</small>", order.full_name, order.email)

    @admin.display(description=_("status"), ordering="status")
    def status_and_payment(self, order: Order) -> SafeString:
        return format_html(
            "{} · {}<br><small>{}</small>",
            order.get_status_display(),
            order.get_charge_status_display(),
            payment_method_label(order.payment_method),
        )

    @admin.display(description=_("total"), ordering="total")
    def total_amount(self, order: "WithAnnotations[Order, ItemCount]") -> SafeString:
        items = _("%(n)d line(s)") % {"n": order._item_count}
        return format_html("{}<br><small>{}</small>", money(order.total, order.currency), items)

    @admin.display(description=_("payment method"))
    def payment_method_label(self, order: Order) -> str | Promise:
        return payment_method_label(order.payment_method)

    @admin.display(description=_("shipping method"))
    def shipping_method_label(self, order: Order) -> str | Promise:
        return shipping_label(order.shipping_method)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Money to give back is said at the top of the order, not only in the payments below.
        valid = object_id.isascii() and object_id.isdigit()  # else the admin says "not found"
        due = Payment.objects.filter(order_id=int(object_id)) if valid else Payment.objects.none()
        for payment in due.filter(status=PaymentStatus.REFUND_DUE).order_by("pk"):
            messages.warning(
                request,
                _("Money to review and refund: %(amount)s %(currency)s. %(reason)s")
                % {
                    "amount": payment.amount,
                    "currency": payment.currency,
                    "reason": payment.failure_reason,
                },
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # --- the dashboard: /admin/shop/order/dashboard/ ---------------------------------------

    def get_urls(self) -> list[URLPattern]:
        dashboard = self.admin_site.admin_view(self.dashboard_view)
        return [path("dashboard/", dashboard, name="shop_order_dashboard"), *super().get_urls()]

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        """Today's orders and what to do about them, for staff who may view orders; products
        running out, for staff who may view or change products. Each part only with its
        permission; neither: 403."""
        orders = self.has_view_permission(request)
        stock = request.user.has_perm("shop.view_product") or request.user.has_perm(
            "shop.change_product"
        )
        if not (orders or stock):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Shop dashboard"),
            "opts": self.model._meta,
            "dashboard": dashboard_get(orders=orders, stock=stock),
        }
        return TemplateResponse(request, "admin/shop/dashboard.html", context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # orders come from checkout

    def has_delete_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
        return False  # orders are records; cancel instead

    def has_refund_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("shop.refund_order")

    def has_record_cash_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("shop.record_cash_order")


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    """What each payment provider event did: read-only, for staff reconciling payments."""

    list_display = ["received_at", "provider", "type", "event_id", "payment", "outcome"]
    list_filter = ["provider", "type", "received_at"]
    search_fields = ["event_id", "payment__order__number"]
    list_select_related = ["payment"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: WebhookEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: WebhookEvent | None = None) -> bool:
        return False


# Resolving is its own permission (shop.resolve_paymentdiscrepancy): seeing differences
# (view) does not mean deciding they are dealt with.
@admin.action(permissions=["resolve"], description=_("Mark selected discrepancies resolved"))
def resolve(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[PaymentDiscrepancy]
) -> None:
    done = queryset.filter(resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=request.user
    )
    modeladmin.message_user(request, _("%(n)d discrepancy(ies) resolved.") % {"n": done})


@admin.register(PaymentDiscrepancy)
class PaymentDiscrepancyAdmin(admin.ModelAdmin):
    """Differences between a provider's records and ours (manage.py reconcile_payments)."""

    list_display = ["found_at", "provider", "kind", "object_id", "order", "detail", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "kind", "provider", "found_at"]
    search_fields = ["object_id", "order__number"]
    list_select_related = ["order"]
    actions = [resolve]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: PaymentDiscrepancy | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: PaymentDiscrepancy | None = None
    ) -> bool:
        return False

    def has_resolve_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("shop.resolve_paymentdiscrepancy")
