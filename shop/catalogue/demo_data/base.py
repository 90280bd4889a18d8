"""The shapes of the demo catalogue: a category with its products, each text in both languages."""

import re
from dataclasses import dataclass, field
from textwrap import dedent


def prose(text: str) -> str:
    """Text as the shop stores it: paragraphs separated by one blank line, no hard line breaks
    inside a paragraph (so the data can wrap its lines freely) and no surrounding space."""
    paragraphs = re.split(r"\n\s*\n", dedent(text).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


@dataclass(frozen=True)
class Text:
    """One text in each language of the shop, written as a Ukrainian shop writes (not translated
    word for word)."""

    uk: str
    en: str


@dataclass(frozen=True)
class Prose(Text):
    """A Text of paragraphs, stored as `prose()` makes them: the data may wrap lines freely."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "uk", prose(self.uk))
        object.__setattr__(self, "en", prose(self.en))


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name: Text
    short: Text
    description: Prose
    price: str
    stock: int
    # What its picture shows (`scripts.product_pictures`): "tabler:<icon>", "lucide:<icon>"
    # or "own:<drawing>".
    picture: str
    compare_at: str | None = None


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: Text
    description: Text
    products: list[DemoProduct] = field(default_factory=list)


# The description the first seeder wrote for every product (its own short description, then
# the same two sentences). Recognised so `seed_demo` can replace it where nobody edited it.
LEGACY_DESCRIPTION = re.compile(
    r".*\n\nThe .* is chosen by our team after weeks of everyday use\. It ships in "
    r"plastic-free packaging and comes with our 30-day no-questions returns\.\n\n"
    r"Care: wipe clean; see the enclosed card for details\.",
    re.DOTALL,
)


def is_legacy_description(text: str) -> bool:
    return LEGACY_DESCRIPTION.fullmatch(text) is not None
