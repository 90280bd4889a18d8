from shop.models.catalogue import CatalogueRevision, Category, Product
from shop.models.orders import (
    ChargeStatus,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
)
from shop.models.reconciliation import DiscrepancyKind, PaymentDiscrepancy
from shop.models.webhooks import WebhookEvent

__all__ = [
    "CatalogueRevision",
    "Category",
    "ChargeStatus",
    "DiscrepancyKind",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentDiscrepancy",
    "PaymentStatus",
    "Product",
    "WebhookEvent",
]
