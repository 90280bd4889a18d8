from shop.models.catalogue import CatalogueRevision, Category, Product
from shop.models.delivery import NovaPoshtaCity, NovaPoshtaWarehouse, WarehouseKind
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
    "NovaPoshtaCity",
    "NovaPoshtaWarehouse",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentDiscrepancy",
    "PaymentStatus",
    "Product",
    "WarehouseKind",
    "WebhookEvent",
]
