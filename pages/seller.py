"""Who sells: the legal details a Ukrainian shop publishes (the consumer-rights law wants the
seller's name, registration code and address known before a purchase) and how to reach it.
All from settings (SHOP_SELLER_*, SHOP_CONTACT_*); see docs/legal.md."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Messenger:
    name: str
    url: str


@dataclass(frozen=True)
class Seller:
    name: str  # «ФОП Петренко Олена Іванівна»
    code: str  # ЄДРПОУ (a company) or РНОКПП (a sole proprietor, ФОП)
    address: str
    phone: str  # E.164, "+380441234567"
    email: str
    messengers: tuple[Messenger, ...]
    demo: bool  # the demo values, not a real seller's

    @property
    def known(self) -> bool:
        """Enough to publish: name, code and address."""
        return bool(self.name and self.code and self.address)

    @property
    def phone_display(self) -> str:
        """+380 44 123 4567, as a Ukrainian reads a number."""
        digits = self.phone.removeprefix("+")
        if len(digits) == 12 and digits.startswith("380"):
            return f"+380 {digits[3:5]} {digits[5:8]} {digits[8:10]} {digits[10:]}"
        return self.phone


def seller() -> Seller:
    messengers = []
    if settings.SHOP_CONTACT_TELEGRAM:
        messengers.append(Messenger("Telegram", settings.SHOP_CONTACT_TELEGRAM))
    if settings.SHOP_CONTACT_VIBER:
        messengers.append(Messenger("Viber", settings.SHOP_CONTACT_VIBER))
    return Seller(
        name=settings.SHOP_SELLER_NAME,
        code=settings.SHOP_SELLER_CODE,
        address=settings.SHOP_SELLER_ADDRESS,
        phone=settings.SHOP_CONTACT_PHONE,
        email=settings.SHOP_CONTACT_EMAIL,
        messengers=tuple(messengers),
        demo=settings.SHOP_SELLER_DEMO,
    )
