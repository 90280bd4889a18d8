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
from shop.models.webhooks import WebhookEvent

__all__ = [
    "CatalogueRevision",
    "Category",
    "ChargeStatus",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentStatus",
    "Product",
    "WebhookEvent",
]
