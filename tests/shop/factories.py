from decimal import Decimal

import factory
from django.utils import timezone

from shop.models import (
    Category,
    ChargeStatus,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Product,
)


class CategoryFactory(factory.django.DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    position = factory.Sequence(lambda n: n)


class ProductFactory(factory.django.DjangoModelFactory[Product]):
    class Meta:
        model = Product

    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price = Decimal("19.99")
    stock = 20
    short_description = "A useful thing."


class OrderFactory(factory.django.DjangoModelFactory[Order]):
    """A guest's order awaiting payment through the demo gateway, without lines (add them with
    OrderLineFactory). Traits: `cod` (cash on delivery, as placed), `paid` (confirmed, with
    its approved payment)."""

    class Meta:
        model = Order
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"buyer{n}@example.com")
    full_name = "Olena Petrenko"
    phone = "+380 44 123 4567"
    address_line1 = "1 Khreshchatyk St"
    city = "Kyiv"
    postcode = "01001"
    country = "Ukraine"
    shipping_method = "standard"
    shipping_price = Decimal("99.00")
    subtotal = Decimal("19.99")
    total = factory.LazyAttribute(lambda order: order.subtotal + order.shipping_price)
    currency = "UAH"
    payment_method = "demo"

    class Params:
        cod = factory.Trait(payment_method="cod", status=OrderStatus.PLACED)
        paid = factory.Trait(
            status=OrderStatus.CONFIRMED,
            charge_status=ChargeStatus.PAID,
            paid_at=factory.LazyFunction(timezone.now),
            approved=factory.RelatedFactory(
                "tests.shop.factories.PaymentFactory",
                factory_related_name="order",
                status=PaymentStatus.APPROVED,
            ),
        )


class OrderLineFactory(factory.django.DjangoModelFactory[OrderLine]):
    """A line that snapshots its product, as checkout writes it."""

    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory)
    product_name = factory.SelfAttribute("product.name")
    sku = factory.SelfAttribute("product.sku")
    unit_price = factory.SelfAttribute("product.price")
    quantity = 1


class PaymentFactory(factory.django.DjangoModelFactory[Payment]):
    """A started attempt to pay the whole order through its provider."""

    class Meta:
        model = Payment

    order = factory.SubFactory(OrderFactory)
    provider = factory.SelfAttribute("order.payment_method")
    amount = factory.SelfAttribute("order.total")
    currency = factory.SelfAttribute("order.currency")
