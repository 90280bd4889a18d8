"""A shop at a real size for measuring it (docs/performance.md, "At size"):

    manage.py seed_scale --products 100000 --orders 1000000

Fills PostgreSQL with PostgreSQL's COPY (psycopg 3's `cursor.copy()`), in blocks of one
transaction each, printing progress. It tops up to the counts asked for, so it is idempotent
(a second run adds nothing) and resumable (an interrupted run goes on from the last committed
block). Row i is the same on every run with the same --seed: its values come from a random
generator seeded by (seed, kind, i), whatever ran before.

What it writes, marked so it can find its own rows again: categories (slug `scale-…`),
products (SKU `SC-0000042`, names and descriptions in Ukrainian and English through the
modeltranslation columns; PostgreSQL computes the search document column itself), orders
(checkout token `seed-00000042`, numbers `SS-<year>-XXXXXX` like real ones) with 1–4 lines
each. Orders spread over five years, more of them recent; every (status, charge status,
payment method, delivery) combination is one the state machine (`shop.orders.states`) can
reach, old orders ended, the last fortnight's still on their way. No accounts, payments or
order events: what is measured reads orders and lines only.

Only for a database that is not serving shoppers: it writes ids itself and then moves the
id sequences past them. Refuses SQLite (no COPY, and not a size SQLite is meant for).
"""

import math
import random
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from shop.catalogue.services import catalogue_revision_bump
from shop.delivery.shipping import SHIPPING_METHODS
from shop.orders.states import CASH, DELIVERY, ONLINE, PICKUP, ChargeStatus, OrderStatus
from shop.orders.states import reachable_states as _reachable_states

BLOCK = 10_000
YEARS = 5
PRODUCT_SKU = "SC-"
ORDER_TOKEN = "seed-"  # noqa: S105 (a marker, not a secret)
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # shop.models.orders' alphabet

CATEGORIES = [
    ("kitchen", "Kitchen", "Кухня"),
    ("tableware", "Tableware", "Посуд"),
    ("lighting", "Lighting", "Освітлення"),
    ("furniture", "Furniture", "Меблі"),
    ("textiles", "Home textiles", "Домашній текстиль"),
    ("decor", "Decor", "Декор"),
    ("audio", "Audio", "Аудіо"),
    ("computers", "Computer accessories", "Комп'ютерні аксесуари"),
    ("phones", "Phone accessories", "Аксесуари для телефонів"),
    ("stationery", "Stationery", "Канцелярія"),
    ("bags", "Bags", "Сумки"),
    ("outerwear", "Outerwear", "Верхній одяг"),
    ("shirts", "Shirts and sweaters", "Сорочки та светри"),
    ("shoes", "Shoes", "Взуття"),
    ("accessories", "Accessories", "Аксесуари"),
    ("camping", "Camping", "Кемпінг"),
    ("garden", "Garden", "Сад"),
    ("bath", "Bath", "Ванна"),
    ("kids", "Kids", "Дітям"),
    ("gifts", "Gifts", "Подарунки"),
]
# (English, Ukrainian, category index)
NOUNS = [
    ("Kettle", "Чайник", 0), ("Pan", "Сковорода", 0), ("Knife", "Ніж", 0),
    ("Cutting board", "Обробна дошка", 0), ("Mug", "Чашка", 1), ("Plate", "Тарілка", 1),
    ("Bowl", "Миска", 1), ("Spoon", "Ложка", 1), ("Lamp", "Лампа", 2),
    ("Lantern", "Ліхтар", 2), ("Candle", "Свічка", 2), ("Chair", "Стілець", 3),
    ("Table", "Стіл", 3), ("Shelf", "Полиця", 3), ("Pillow", "Подушка", 4),
    ("Blanket", "Ковдра", 4), ("Rug", "Килимок", 4), ("Vase", "Ваза", 5),
    ("Clock", "Годинник", 5), ("Frame", "Рамка", 5), ("Headphones", "Навушники", 6),
    ("Speaker", "Колонка", 6), ("Keyboard", "Клавіатура", 7), ("Mouse", "Миша", 7),
    ("Charger", "Зарядка", 8), ("Cable", "Кабель", 8), ("Case", "Чохол", 8),
    ("Notebook", "Блокнот", 9), ("Pen", "Ручка", 9), ("Backpack", "Рюкзак", 10),
    ("Wallet", "Гаманець", 10), ("Jacket", "Куртка", 11), ("Coat", "Пальто", 11),
    ("Shirt", "Сорочка", 12), ("Sweater", "Светр", 12), ("Sneakers", "Кросівки", 13),
    ("Boots", "Черевики", 13), ("Scarf", "Шарф", 14), ("Belt", "Ремінь", 14),
    ("Tent", "Намет", 15), ("Thermos", "Термос", 15), ("Watering can", "Лійка", 16),
    ("Planter", "Вазон", 16), ("Towel", "Рушник", 17), ("Bathrobe", "Халат", 17),
    ("Puzzle", "Пазл", 18), ("Teddy bear", "Ведмедик", 18), ("Gift box", "Подарунковий набір", 19),
]  # fmt: skip
MATERIALS = [
    ("bamboo", "з бамбука"), ("oak", "з дуба"), ("steel", "зі сталі"),
    ("ceramic", "з кераміки"), ("wool", "з вовни"), ("cotton", "з бавовни"),
    ("leather", "зі шкіри"), ("glass", "зі скла"), ("linen", "з льону"),
    ("copper", "з міді"), ("walnut", "з горіха"), ("felt", "з фетру"),
]  # fmt: skip
SERIES = [
    ("Karpaty", "Карпати"), ("Dnipro", "Дніпро"), ("Polissia", "Полісся"), ("Tavria", "Таврія"),
    ("Lviv", "Львів"), ("Podil", "Поділ"), ("Nord", "Норд"), ("Oslo", "Осло"),
    ("Kyoto", "Кіото"), ("Bruges", "Брюгге"), ("Arlo", "Арло"), ("Vesna", "Весна"),
]  # fmt: skip
# One product in a thousand: the rare word of the search benchmark (bench/pages.py).
RARE = ("Zephyrine", "Зефірина")
CITIES = [
    ("Kyiv", "01001"), ("Lviv", "79000"), ("Kharkiv", "61000"), ("Odesa", "65000"),
    ("Dnipro", "49000"), ("Zaporizhzhia", "69000"), ("Vinnytsia", "21000"),
    ("Poltava", "36000"), ("Chernihiv", "14000"), ("Ivano-Frankivsk", "76000"),
]  # fmt: skip
FIRST = ["Olena", "Andrii", "Iryna", "Taras", "Oksana", "Dmytro", "Kateryna", "Serhii",
         "Natalia", "Yurii", "Mariia", "Bohdan", "Anna", "Oleh", "Sofiia", "Maksym"]  # fmt: skip
LAST = ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk",
        "Boiko", "Oliinyk", "Lysenko", "Moroz", "Savchenko", "Rudenko"]  # fmt: skip
DOMAINS = ["gmail.com", "ukr.net", "i.ua", "outlook.com", "meta.ua"]

S, C = OrderStatus, ChargeStatus
# How orders end, by weight; the rest are on their way (only in the last fortnight).
ENDED_WEIGHTS = {S.DELIVERED: 78, S.COLLECTED: 9, S.CANCELLED: 8, S.EXPIRED: 5}
OPEN_WEIGHTS = {
    S.PENDING_PAYMENT: 6,
    S.PLACED: 6,
    S.CONFIRMED: 10,
    S.SHIPPED: 14,
    S.READY_FOR_PICKUP: 4,
    **ENDED_WEIGHTS,
}
# Charge statuses by weight, among those the machine allows for the chosen state.
CHARGE_WEIGHTS: dict[str, int] = {C.PAID: 90, C.UNPAID: 40, C.REFUNDED: 6, C.REFUND_DUE: 1}
PAYMENT = {ONLINE: "stripe", CASH: "cod"}


def _states() -> dict[tuple[str, str, str], list[str]]:
    """(status, paid by, arrives) → the charge statuses the state machine can reach there."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for status, charge, paid_by, arrives in sorted(_reachable_states()):
        out.setdefault((status, paid_by, arrives), []).append(charge)
    return out


def _number(i: int, year: int) -> str:
    """A number like a real one, unique per i (a permutation of 30**6), never one of
    order_number_new's random ones in practice."""
    n = (i * 7_919_123 + 104_729) % 30**6
    suffix = ""
    for _ in range(6):
        n, r = divmod(n, 30)
        suffix += NUMBER_ALPHABET[r]
    return f"SS-{year}-{suffix}"


def _rng(seed: int, kind: int, i: int) -> random.Random:
    return random.Random((seed * 4 + kind) * 10_000_000_000 + i)  # noqa: S311 (test data)


def _price(rng: random.Random) -> Decimal:
    hryvnia = max(19, min(99_999, int(math.exp(rng.gauss(6.6, 0.9)))))
    return Decimal(f"{hryvnia}.{rng.choice(('00', '00', '99', '50'))}")


def product_row(seed: int, i: int, categories: list[int], now: datetime) -> list[str | None]:
    rng = _rng(seed, 0, i)
    noun_en, noun_uk, cat = NOUNS[rng.randrange(len(NOUNS))]
    mat_en, mat_uk = MATERIALS[rng.randrange(len(MATERIALS))]
    ser_en, ser_uk = RARE if i % 1000 == 7 else SERIES[rng.randrange(len(SERIES))]
    model = 100 + i
    name_en = f"{noun_en} {ser_en} {mat_en} {model}"
    name_uk = f"{noun_uk} {ser_uk} {mat_uk} {model}"
    short_en = f"{noun_en} of {mat_en} from the {ser_en} series, made to last."
    short_uk = f"{noun_uk} {mat_uk} із серії {ser_uk}, зроблено на роки."
    desc_en = (
        f"The {noun_en.lower()} {ser_en} is made of {mat_en}. "
        "Packed with care and shipped across Ukraine within a day. "
        f"Model {model}; a two-year warranty."
    )
    desc_uk = (
        f"{noun_uk} {ser_uk} {mat_uk}. "
        "Ретельно пакуємо та відправляємо Україною протягом доби. "
        f"Модель {model}; гарантія два роки."
    )
    price = _price(rng)
    on_sale = rng.random() < 0.12
    compare = str((price * Decimal("1.25")).quantize(Decimal("1"))) if on_sale else None
    roll = rng.random()
    stock = 0 if roll < 0.08 else rng.randint(1, 5) if roll < 0.18 else rng.randint(6, 500)
    created = now - timedelta(days=YEARS * 365 * rng.random())
    category = categories[cat] if rng.random() < 0.85 else rng.choice(categories)
    slug = f"{noun_en}-{ser_en}-{mat_en}-{model}".lower().replace(" ", "-")
    return [
        name_en, slug, f"{PRODUCT_SKU}{i:07d}", str(price), compare, str(stock),
        "f" if rng.random() < 0.03 else "t", short_en, desc_en, "", created.isoformat(),
        created.isoformat(), str(category), desc_en, desc_uk, name_en, name_uk, short_en,
        short_uk,
    ]  # fmt: skip


PRODUCT_COLUMNS = (
    "name, slug, sku, price, compare_at_price, stock, is_active, short_description, "
    "description, image, created_at, updated_at, category_id, description_en, description_uk, "
    "name_en, name_uk, short_description_en, short_description_uk"
)
# Text columns the seeded orders leave empty (no comment; no Nova Poshta branch or waybill):
# COPY takes no model defaults, so they are given.
BLANK_ORDER_TEXT = (
    "comment",
    "np_city_ref",
    "np_city",
    "np_warehouse_ref",
    "np_warehouse",
    "waybill",
)
ORDER_COLUMNS = (
    "id, number, email, full_name, phone, address_line1, address_line2, city, postcode, "
    "country, shipping_method, shipping_price, subtotal, total, currency, status, "
    "charge_status, payment_method, language, created_at, updated_at, paid_at, "
    "checkout_token, confirmation_sent_at, confirmation_attempts, " + ", ".join(BLANK_ORDER_TEXT)
)
LINE_COLUMNS = "order_id, product_id, product_name, sku, unit_price, quantity"


K = TypeVar("K", bound=str)


class Orders:
    """Order i and its lines, from the products already written."""

    def __init__(
        self, seed: int, products: list[tuple[int, str, str, str, Decimal]], now: datetime
    ) -> None:
        self.seed, self.products, self.now = seed, products, now
        self.states = _states()
        self.span = YEARS * 365 * 86_400

    def _choose(self, rng: random.Random, weights: Mapping[K, float]) -> K:
        keys = list(weights)
        return rng.choices(keys, [weights[k] for k in keys])[0]

    def rows(self, i: int, order_id: int) -> tuple[list, list[list]]:
        rng = _rng(self.seed, 1, i)
        # More orders lately (a shop that grows): density rising linearly to today.
        age = self.span * (1 - math.sqrt(rng.random()))
        created = self.now - timedelta(seconds=age)
        paid_by = ONLINE if rng.random() < 0.65 else CASH
        shipping = rng.choices(("standard", "express", "pickup"), (70, 18, 12))[0]
        arrives = PICKUP if shipping == "pickup" else DELIVERY
        weights = OPEN_WEIGHTS if age < 14 * 86_400 else ENDED_WEIGHTS
        weights = {s: w for s, w in weights.items() if (s, paid_by, arrives) in self.states}
        status = self._choose(rng, weights)
        charges = self.states[(status, paid_by, arrives)]
        # An old order handed over was paid for by then: cash is recorded on the day.
        settled = status in (S.DELIVERED, S.COLLECTED) and age > 14 * 86_400
        charge = self._choose(
            rng, {c: 1 if settled and c == C.UNPAID else CHARGE_WEIGHTS[c] for c in charges}
        )
        lines = []
        subtotal = Decimal("0")
        count = rng.choices((1, 2, 3, 4), (50, 30, 14, 6))[0]
        uk = rng.random() < 0.8
        n = len(self.products)
        for index in sorted({int(n * rng.random() ** 2.5) for _ in range(count)}):
            pid, name_en, name_uk, sku, price = self.products[index]
            qty = rng.choices((1, 2, 3), (80, 15, 5))[0]
            subtotal += price * qty
            lines.append([str(order_id), str(pid), name_uk if uk else name_en, sku, str(price)])
            lines[-1].append(str(qty))
        ship_price = SHIPPING_METHODS[shipping].price_for(subtotal)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        city, postcode = rng.choice(CITIES)
        email = f"{first}.{last}{i % 9973}@{rng.choice(DOMAINS)}".lower()
        paid = created + timedelta(minutes=rng.randint(1, 30)) if charge != C.UNPAID else None
        stamp = created.isoformat()
        row = [
            str(order_id), _number(i, created.year), email, f"{first} {last}",
            f"+380{rng.randint(500000000, 999999999)}", f"{rng.randint(1, 180)} Shevchenka St",
            "", city, postcode, "Ukraine", shipping, str(ship_price), str(subtotal),
            str(subtotal + ship_price), settings.SHOP_CURRENCY, status, charge,
            PAYMENT[paid_by], "uk" if uk else "en", stamp,
            (created + timedelta(days=rng.randint(0, 6))).isoformat() if age > 7 * 86_400
            else stamp,
            paid.isoformat() if paid else None, f"{ORDER_TOKEN}{i:08d}", stamp, "1",
        ]  # fmt: skip
        return row, lines


def _copy(cursor: Any, table: str, columns: str, rows: Iterable[Sequence[object]]) -> None:
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _sequence_past(cursor: Any, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 (our names)
        f"(SELECT coalesce(max(id), 1) FROM {table}))"
    )


class Command(BaseCommand):
    help = "Tops the database up to a shop of the given size, fast (PostgreSQL only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--products", type=int, default=1_000)
        parser.add_argument("--orders", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=24)

    def handle(self, *args: Any, products: int, orders: int, seed: int, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "seed_scale needs PostgreSQL (it loads with COPY); "
                f"DATABASE_URL points to {connection.vendor}."
            )
        if products < 1 or orders < 0:
            raise CommandError("--products must be at least 1 and --orders at least 0.")
        started = time.monotonic()
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            categories = self._categories(cursor)
            self._products(cursor.cursor, products, seed, categories, now, started)
            self._orders(cursor.cursor, orders, seed, now, started)
            # Statistics for the planner, and the visibility map for index-only counts.
            self.stdout.write("Vacuuming and analysing the tables…")
            cursor.execute(
                "VACUUM (ANALYZE) shop_category, shop_product, shop_order, shop_orderline"
                if connection.get_autocommit()
                else "ANALYZE shop_category, shop_product, shop_order, shop_orderline"
            )
        catalogue_revision_bump()
        self.stdout.write(f"Done in {time.monotonic() - started:.0f} s.")

    def _progress(self, what: str, done: int, total: int, started: float) -> None:
        self.stdout.write(
            f"  {what}: {done:,}/{total:,} ({100 * done // max(total, 1)} %), "
            f"{time.monotonic() - started:.0f} s"
        )

    def _categories(self, cursor: Any) -> list[int]:
        with transaction.atomic():
            for position, (slug, en, uk) in enumerate(CATEGORIES):
                cursor.execute(
                    "INSERT INTO shop_category (name, slug, description, position, is_active, "
                    "name_en, name_uk, description_en, description_uk) "
                    "VALUES (%s, %s, '', %s, true, %s, %s, '', '') ON CONFLICT (slug) DO NOTHING",
                    [en, f"scale-{slug}", 100 + position, en, uk],
                )
        cursor.execute(
            "SELECT slug, id FROM shop_category WHERE slug LIKE 'scale-%%' ORDER BY slug"
        )
        ids = dict(cursor.fetchall())
        return [ids[f"scale-{slug}"] for slug, _en, _uk in CATEGORIES]

    def _next(self, cursor: Any, sql: str, prefix: str) -> int:
        cursor.execute(sql, [f"{prefix}%"])
        last = cursor.fetchone()[0]
        return int(last[len(prefix) :]) + 1 if last else 0

    def _products(
        self,
        cursor: Any,
        total: int,
        seed: int,
        categories: list[int],
        now: datetime,
        started: float,
    ) -> None:
        start = self._next(
            cursor,
            "SELECT max(sku) FROM shop_product WHERE sku LIKE %s",
            PRODUCT_SKU,
        )
        if start >= total:
            self.stdout.write(f"Products: {start:,} already, none to add.")
            return
        self.stdout.write(f"Products: adding {total - start:,} to {start:,}…")
        for low in range(start, total, BLOCK):
            high = min(low + BLOCK, total)
            with transaction.atomic():
                rows = (product_row(seed, i, categories, now) for i in range(low, high))
                _copy(cursor, "shop_product", PRODUCT_COLUMNS, rows)
            self._progress("products", high, total, started)

    def _orders(self, cursor: Any, total: int, seed: int, now: datetime, started: float) -> None:
        start = self._next(
            cursor,
            "SELECT max(checkout_token) FROM shop_order WHERE checkout_token LIKE %s",
            ORDER_TOKEN,
        )
        if start >= total:
            self.stdout.write(f"Orders: {start:,} already, none to add.")
            return
        cursor.execute(
            "SELECT id, name_en, name_uk, sku, price FROM shop_product "
            "WHERE sku LIKE %s ORDER BY sku",
            [f"{PRODUCT_SKU}%"],
        )
        products = cursor.fetchall()
        maker = Orders(seed, products, now)
        self.stdout.write(f"Orders: adding {total - start:,} to {start:,}…")
        for low in range(start, total, BLOCK):
            high = min(low + BLOCK, total)
            with transaction.atomic():
                cursor.execute("LOCK TABLE shop_order IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute("SELECT coalesce(max(id), 0) FROM shop_order")
                base = cursor.fetchone()[0] + 1
                orders, lines = [], []
                for i in range(low, high):
                    row, its_lines = maker.rows(i, base + i - low)
                    orders.append([*row, *[""] * len(BLANK_ORDER_TEXT)])
                    lines.extend(its_lines)
                _copy(cursor, "shop_order", ORDER_COLUMNS, orders)
                _copy(cursor, "shop_orderline", LINE_COLUMNS, lines)
                _sequence_past(cursor, "shop_order")
            self._progress("orders", high, total, started)
