"""A Ukrainian shopper sees no English interface text: every page of a whole visit (browse,
search, cart, checkout, the order, the blog, log-in and sign-up, errors) is rendered in
Ukrainian and checked against every English string of the message catalogue."""

import re
from html import unescape

import pytest
from babel.messages.pofile import read_po
from django.test import Client

from core.i18n_catalogue import catalogue_path
from tests.accounts.factories import UserFactory
from tests.blog.factories import PostFactory
from tests.shop.conftest import ADDRESS, review_form
from tests.shop.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

# What is the same in both languages, or is no interface text (the brand, the switcher's own
# "English", which names the other language in that language).
ALLOWED = {"SmartShop AI", "English"}


def english_ui_strings():
    """The catalogue's English strings that Ukrainian pages must not show: every msgid (and
    plural) whose translation differs, placeholders cut out. Left out: single lowercase words
    ("post", "to", "by"): the admin's field names, which would also match words in URLs and
    product text, and are not shown to shoppers."""
    with catalogue_path("uk").open("rb") as file:
        catalog = read_po(file)
    found = set()
    for message in catalog:
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings or msgid in ALLOWED:
                continue
            # Placeholders split a string into the parts a page shows literally.
            for part in re.split(r"%\([^)]+\)[sd]|\{[^}]+\}|<[^>]+>", msgid):
                part = part.strip(" ,.:;·“”«»()")
                single_lowercase_word = re.fullmatch(r"[a-z-]+", part) is not None
                if len(re.findall(r"[A-Za-z]", part)) >= 2 and not single_lowercase_word:
                    found.add(part)
    return sorted(found, key=len, reverse=True)


def visible_text(html: str) -> str:
    """What a shopper reads or hears: text and the attributes browsers show or speak."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    attributes = re.findall(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"', html)
    attributes += re.findall(
        r'<meta (?:name="description"|property="og:(?:title|description)") content="([^"]*)"', html
    )
    buttons = re.findall(r'<input[^>]*type="submit"[^>]*value="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", " ", html)
    return unescape(" ".join([text, *attributes, *buttons]))


def english_in(html: str, strings: list[str]) -> list[str]:
    """The English strings (longest first) a page shows. A match is cut out of the text once
    reported, so "Add to cart" is not reported again as "Add" (a fragment of "Add %(missing)s
    more for free delivery"); "Add" on its own elsewhere still is."""
    text = visible_text(html).replace("SmartShop AI", " ").replace("English", " ")
    found = []
    for s in strings:
        text, matches = re.subn(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])", " | ", text)
        if matches:
            found.append(s)
    return found


def a_whole_visit():
    """Every page of a Ukrainian shopper's visit, by name: the HTML they got."""
    kitchen = CategoryFactory.create(name_uk="Кухня", name_en="Kitchen", slug="kitchen")
    kwargs = {"category": kitchen, "stock": 3, "price": "1649.00"}
    skillet = ProductFactory.create(
        name_uk="Чавунна сковорода",
        name_en="Cast iron skillet",
        short_description_uk="Служитиме десятиліттями.",
        short_description_en="Lasts for decades.",
        description_uk="Тримає жар.",
        sku="KIT-001",
        slug="skillet",
        **kwargs,
    )
    ProductFactory.create(
        name_uk="Кухарський ніж", short_description_uk="Гострий.", sku="KIT-002", **kwargs
    )
    post = PostFactory.create(
        title_uk="Як доглядати за чавуном",
        excerpt_uk="Кілька простих звичок.",
        body_markdown_uk="Мийте **гарячою** водою.",
    )
    post.tags.create(name="кухня", slug="kitchen-tips")

    shopper, pages = Client(), dict[str, str]()
    get = lambda name, url: pages.setdefault(name, shopper.get(url).text)  # noqa: E731
    get("home", "/")
    get("category", "/category/kitchen/")
    get("search", "/?q=сковорода")
    get("search, nothing found", "/?q=жирафа")
    get("product", "/products/skillet/")
    added = shopper.post(f"/cart/add/{skillet.pk}/", {"quantity": 1}, follow=True)
    pages["cart, after adding"] = added.text
    assert shopper.post("/checkout/", {**ADDRESS, "email": "olena@example.com"}).status_code == 302
    get("checkout: delivery", "/checkout/delivery/")
    pages["checkout: details, refused"] = shopper.post("/checkout/", {"email": "x"}).text
    get("checkout: details", "/checkout/")
    assert shopper.post("/checkout/delivery/", {"method": "standard"}).status_code == 302
    get("checkout: review", "/checkout/review/")
    placed = shopper.post("/checkout/review/", {**review_form(shopper), "payment_method": "demo"})
    pages["demo gateway"] = shopper.get(placed["Location"]).text
    paid = shopper.post(placed["Location"], {"action": "decline"}, follow=True)
    pages["order, payment declined"] = paid.text
    get("blog", "/blog/")
    get("blog post", post.get_absolute_url())
    get("blog tag", "/blog/tag/kitchen-tips/")
    get("page not found", "/products/no-such-thing/")

    visitor = Client()
    pages["log in"] = visitor.get("/accounts/login/").text
    pages["log in, refused"] = visitor.post(
        "/accounts/login/", {"username": "nobody@example.com", "password": "wrong"}
    ).text
    pages["sign up"] = visitor.get("/accounts/signup/").text
    pages["sign up, refused"] = visitor.post(
        "/accounts/signup/", {"email": "x", "password1": "1", "password2": "2"}
    ).text
    pages["password reset"] = visitor.get("/accounts/password-reset/").text
    customer = Client()
    customer.force_login(UserFactory.create())
    pages["my orders"] = customer.get("/orders/").text
    pages["cart, empty"] = customer.get("/cart/").text
    return pages


def test_the_check_finds_english_interface_text():
    strings = english_ui_strings()
    assert "Add to cart" in strings and "Proceed to checkout" in strings
    assert english_in("<button>Add to cart</button>", strings) == ["Add to cart"]
    assert english_in('<a aria-label="Main">Магазин</a>', strings) == ["Main"]
    assert english_in("<p>Додати до кошика</p>", strings) == []
    assert english_in("<p>Add to cart</p><p>Add</p>", strings) == ["Add to cart", "Add"]


def test_ukrainian_pages_show_no_english_interface_text():
    strings = english_ui_strings()
    pages = a_whole_visit()
    assert len(pages) >= 20
    found = {name: english_in(html, strings) for name, html in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}
    for name, html in pages.items():
        assert '<html lang="uk">' in html, name


def test_find_my_order_and_card_payment_pages_show_no_english_interface_text(stripe_standin):
    """The pages the order pages and card payments brought, visited in Ukrainian: "Find my
    order" (asked, refused, sent), Stripe's return page while the payment is confirmed, and the
    order page after cancelling on Stripe's page."""
    strings = english_ui_strings()
    skillet = ProductFactory.create(
        name_uk="Чавунна сковорода",
        short_description_uk="Служитиме десятиліттями.",
        sku="KIT-001",
        price="1649.00",
        stock=3,
    )
    shopper, pages = Client(), {}
    pages["find my order"] = shopper.get("/orders/find/").text
    pages["find my order, refused"] = shopper.post(
        "/orders/find/", {"number": "", "email": "x"}
    ).text
    pages["find my order, sent"] = shopper.get("/orders/find/sent/").text
    assert shopper.post(f"/cart/add/{skillet.pk}/", {"quantity": 1}).status_code == 302
    assert shopper.post("/checkout/", ADDRESS).status_code == 302
    assert shopper.post("/checkout/delivery/", {"method": "pickup"}).status_code == 302
    pages["checkout: review, pickup"] = shopper.get("/checkout/review/").text
    placed = shopper.post("/checkout/review/", {**review_form(shopper), "payment_method": "stripe"})
    assert placed.status_code == 303 and placed["Location"].startswith(stripe_standin.url)
    [session] = stripe_standin.sessions.values()
    pages["card: confirming"] = shopper.get(session["success_url"]).text
    pages["card: cancelled"] = shopper.get(session["cancel_url"]).text

    found = {name: english_in(html, strings) for name, html in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}
    for name, html in pages.items():
        assert '<html lang="uk">' in html, name
