"""The demo catalogue that `manage.py seed_demo` loads: a small shop that looks real.

Idempotent: rows are matched by slug or SKU and never duplicated, and what staff changed since
(prices, stock) is left alone."""

from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from shop.models import Category, Product

# (slug, name, description)
CATEGORIES = [
    ("kitchen", "Kitchen", "Tools and tableware for people who like to cook."),
    ("coffee-tea", "Coffee & Tea", "Beans, leaves and the gear to brew them well."),
    ("home", "Home", "Small things that make a home calmer and brighter."),
    ("office", "Office", "A desk that works as hard as you do."),
    ("outdoors", "Outdoors", "Kit for walks, picnics and long weekends away."),
    ("tech", "Tech Accessories", "Chargers, cables and cases that last."),
]

# (category slug, name, sku, price, compare-at price or None, stock, short description)
# fmt: off
PRODUCTS = [
    ('kitchen', 'Cast Iron Skillet 26 cm', 'KIT-001', '39.90', '49.90', 24, 'Pre-seasoned, oven-safe and ready for a lifetime of searing.'),
    ('kitchen', "Chef's Knife 20 cm", 'KIT-002', '64.00', None, 15, 'German steel, full tang, balanced for everyday prep.'),
    ('kitchen', 'Bamboo Cutting Board Set', 'KIT-003', '24.50', None, 40, 'Three boards with juice grooves; gentle on knife edges.'),
    ('kitchen', 'Enamel Dutch Oven 4 L', 'KIT-004', '89.00', '109.00', 6, 'Slow braises, crusty bread and everything in between.'),
    ('kitchen', 'Silicone Spatula Trio', 'KIT-005', '12.99', None, 80, 'Heat-resistant to 260 °C, one-piece and dishwasher-safe.'),
    ('kitchen', 'Stoneware Dinner Plates (4)', 'KIT-006', '44.00', None, 3, 'Reactive glaze, each one a little different.'),
    ('kitchen', 'Digital Kitchen Scale', 'KIT-007', '19.99', None, 35, 'Weighs to the gram, up to 5 kg, with tare.'),
    ('coffee-tea', 'Ethiopia Yirgacheffe Beans 250 g', 'COF-001', '14.50', None, 60, 'Floral and bright with notes of bergamot and peach.'),
    ('coffee-tea', 'Colombia Huila Beans 1 kg', 'COF-002', '42.00', '48.00', 18, 'Chocolate, caramel and a round, sweet finish.'),
    ('coffee-tea', 'Pour-Over Dripper', 'COF-003', '22.00', None, 27, 'Ceramic cone for a clean, even extraction.'),
    ('coffee-tea', 'Gooseneck Kettle 1 L', 'COF-004', '54.90', None, 9, 'Precise pour and a built-in thermometer.'),
    ('coffee-tea', 'Burr Grinder', 'COF-005', '119.00', '139.00', 4, 'Forty grind settings from espresso to cold brew.'),
    ('coffee-tea', 'Sencha Green Tea 100 g', 'COF-006', '11.90', None, 45, 'Grassy, sweet Japanese sencha, first flush.'),
    ('coffee-tea', 'Glass Teapot with Infuser', 'COF-007', '27.50', None, 0, 'Watch the leaves unfurl; 800 ml.'),
    ('home', 'Linen Throw Blanket', 'HOM-001', '69.00', None, 12, 'Stone-washed Lithuanian linen, soft from day one.'),
    ('home', 'Soy Candle — Cedar & Sage', 'HOM-002', '18.00', None, 50, 'Forty hours of a quiet forest scent.'),
    ('home', 'Ceramic Planter 15 cm', 'HOM-003', '21.00', None, 30, 'Matte glaze with drainage hole and saucer.'),
    ('home', 'Wool Doormat', 'HOM-004', '34.00', '39.00', 2, 'Catches mud, dries quickly, looks sharp.'),
    ('home', 'Bedside Lamp', 'HOM-005', '58.00', None, 14, 'Warm dimmable light with a linen shade.'),
    ('home', 'Cotton Bath Towels (2)', 'HOM-006', '36.00', None, 22, 'Heavy 600 gsm cotton that only gets softer.'),
    ('home', 'Wall Clock, Oak', 'HOM-007', '47.00', None, 8, 'Silent sweep movement in a solid oak frame.'),
    ('office', 'Dot Grid Notebook A5', 'OFF-001', '13.50', None, 100, '120 gsm paper that loves fountain pens.'),
    ('office', 'Aluminium Laptop Stand', 'OFF-002', '45.00', None, 19, 'Raises your screen to eye level; folds flat.'),
    ('office', 'Desk Mat, Felt', 'OFF-003', '29.00', None, 26, 'Wool felt, 80 x 30 cm, quiet under the keyboard.'),
    ('office', 'Fountain Pen, Medium Nib', 'OFF-004', '32.00', None, 11, 'Smooth steel nib, converter included.'),
    ('office', 'Monitor Light Bar', 'OFF-005', '59.00', '69.00', 5, 'Lights the desk, not the screen.'),
    ('office', 'Cable Organiser Box', 'OFF-006', '23.00', None, 38, 'Hides a power strip and its tangle.'),
    ('outdoors', 'Insulated Water Bottle 750 ml', 'OUT-001', '27.00', None, 55, 'Cold for 24 hours, hot for 12.'),
    ('outdoors', 'Packable Rain Jacket', 'OUT-002', '79.00', '95.00', 10, 'Waterproof, breathable, folds into its pocket.'),
    ('outdoors', 'Picnic Blanket, Waterproof Back', 'OUT-003', '39.00', None, 16, 'Big enough for four, rolls up with a strap.'),
    ('outdoors', 'Camping Lantern', 'OUT-004', '31.50', None, 7, 'USB-C rechargeable, three brightness levels.'),
    ('outdoors', 'Trail Daypack 20 L', 'OUT-005', '64.00', None, 13, 'Padded straps, hip belt and a hydration sleeve.'),
    ('outdoors', 'Enamel Camp Mug', 'OUT-006', '9.90', None, 70, 'Classic speckled enamel, 350 ml.'),
    ('tech', 'USB-C Charger 65 W', 'TEC-001', '39.00', None, 33, 'Charges a laptop and a phone at once.'),
    ('tech', 'Braided USB-C Cable 2 m', 'TEC-002', '14.00', None, 90, 'Tested for 20,000 bends.'),
    ('tech', 'Wireless Charging Pad', 'TEC-003', '29.00', '35.00', 21, '15 W Qi charging with a soft-touch top.'),
    ('tech', 'Leather Phone Case', 'TEC-004', '34.00', None, 1, 'Full-grain leather that ages beautifully.'),
    ('tech', 'Bluetooth Speaker, Mini', 'TEC-005', '49.00', None, 17, 'Big sound, twelve hours, splash-proof.'),
    ('tech', 'Laptop Sleeve 14"', 'TEC-006', '28.00', None, 0, 'Wool felt sleeve with a magnetic flap.'),
    ('tech', 'Power Bank 10,000 mAh', 'TEC-007', '32.00', None, 25, 'Slim, with pass-through charging.'),
]
# fmt: on


def long_description(name: str, short: str) -> str:
    return (
        f"{short}\n\n"
        f"The {name} is chosen by our team after weeks of everyday use. "
        "It ships in plastic-free packaging and comes with our 30-day no-questions returns.\n\n"
        "Care: wipe clean; see the enclosed card for details."
    )


def money(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def demo_seed(*, progress: Callable[[str], None]) -> str:
    """The app's part of `manage.py seed_demo` (core): load the catalogue, say what was done."""
    created = demo_catalogue_seed(progress=progress)
    return f"Catalogue ready ({created} new products)."


@transaction.atomic
def demo_catalogue_seed(*, progress: Callable[[str], None] = lambda _msg: None) -> int:
    """Create the demo categories and products that are missing; return how many were new."""
    categories = {}
    for position, (slug, name, description) in enumerate(CATEGORIES):
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    progress(f"Categories: {len(categories)}")
    created = 0
    for index, row in enumerate(PRODUCTS, start=1):
        category_slug, name, sku, price, compare_at, stock, short = row
        _product, is_new = Product.objects.get_or_create(
            sku=sku,
            defaults={
                "category": categories[category_slug],
                "name": name,
                "slug": slugify(name),
                "price": Decimal(price),
                "compare_at_price": money(compare_at),
                "stock": stock,
                "short_description": short,
                "description": long_description(name, short),
            },
        )
        created += is_new
        progress(f"Products: {index}/{len(PRODUCTS)} {'+' if is_new else '='} {sku}")
    return created
