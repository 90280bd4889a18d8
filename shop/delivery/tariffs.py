"""Nova Poshta's prices as a table of our own, not its live calculator: for parcels of our
catalogue's usual size (up to 2 kg, one weight class), the price by order total, which stands
in for Nova Poshta's declared-value fee. In hryvnia, from the tariffs published for 2025;
staff change them here. Each entry: (orders below this total, price); the last applies above.
"""

from decimal import Decimal

Tariff = tuple[tuple[Decimal | None, Decimal], ...]

BRANCH: Tariff = (
    (Decimal("1000.00"), Decimal("80.00")),
    (Decimal("5000.00"), Decimal("95.00")),
    (None, Decimal("130.00")),
)
LOCKER: Tariff = (
    (Decimal("1000.00"), Decimal("70.00")),
    (Decimal("5000.00"), Decimal("85.00")),
    (None, Decimal("120.00")),
)
COURIER: Tariff = (
    (Decimal("1000.00"), Decimal("120.00")),
    (Decimal("5000.00"), Decimal("135.00")),
    (None, Decimal("170.00")),
)


def tariff_price(tariff: Tariff, subtotal: Decimal) -> Decimal:
    for below, price in tariff:
        if below is None or subtotal < below:
            return price
    return tariff[-1][1]
