"""The Nova Poshta warehouse a shopper chose, as the checkout session keeps it and the order
stores it: refs for Nova Poshta, number and address text for people (a snapshot)."""

from dataclasses import dataclass

from shop.models import NovaPoshtaWarehouse


@dataclass(frozen=True)
class DeliveryPoint:
    city_ref: str
    city: str
    warehouse_ref: str
    number: int
    address: str

    @classmethod
    def of(cls, warehouse: NovaPoshtaWarehouse) -> "DeliveryPoint":
        return cls(
            city_ref=warehouse.city.ref,
            city=str(warehouse.city),
            warehouse_ref=warehouse.ref,
            number=warehouse.number,
            address=warehouse.description,
        )

    def order_fields(self) -> dict[str, object]:
        """Order's np_* columns."""
        return {
            "np_city_ref": self.city_ref,
            "np_city": self.city,
            "np_warehouse_ref": self.warehouse_ref,
            "np_warehouse_number": self.number,
            "np_warehouse": self.address,
        }

    def review_fields(self) -> dict[str, str]:
        """What the review page's signed account covers of it (shop/checkout/review.py)."""
        return {"np_warehouse_ref": self.warehouse_ref, "np_warehouse": self.address}
