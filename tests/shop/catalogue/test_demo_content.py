"""The demo shop's text: every product, category and post in Ukrainian and English, each
product described in its own words, and `seed_demo` bringing an older demo database up to date
without undoing what staff changed."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from blog.demo_posts import POSTS
from blog.models import Post
from shop.catalogue.demo_data import CATEGORIES, PRODUCTS
from shop.models import Category, Product
from tests.support.translated import en, uk

# As in production: Ukrainian at the unprefixed URLs; English chosen (the cookie) goes to /en/.
pytestmark = [pytest.mark.django_db, pytest.mark.production_languages]

UK = {"HTTP_ACCEPT_LANGUAGE": "uk"}
EN = {"HTTP_COOKIE": "django_language=en", "follow": True}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def old_description(name: str, short: str) -> str:
    """What the first seeder wrote for every product."""
    return (
        f"{short}\n\n"
        f"The {name} is chosen by our team after weeks of everyday use. "
        "It ships in plastic-free packaging and comes with our 30-day no-questions returns.\n\n"
        "Care: wipe clean; see the enclosed card for details."
    )


def test_the_seed_fills_every_text_in_both_languages():
    seed()
    demo = {p.sku: p for p in PRODUCTS}
    for product in Product.objects.all():
        ours = demo[product.sku]
        assert (uk(product, "name"), en(product, "name")) == (ours.name.uk, ours.name.en)
        assert (uk(product, "short_description"), en(product, "short_description")) == (
            ours.short.uk,
            ours.short.en,
        )
        assert (uk(product, "description"), en(product, "description")) == (
            ours.description.uk,
            ours.description.en,
        )
    for category, ours_category in zip(
        Category.objects.order_by("position"), CATEGORIES, strict=True
    ):
        assert (uk(category, "name"), en(category, "name")) == (
            ours_category.name.uk,
            ours_category.name.en,
        )
        assert uk(category, "description") and en(category, "description")
    assert Post.objects.count() == len(POSTS)
    for post in Post.objects.all():
        for column in ("title", "excerpt", "body_markdown", "body_html", "meta_description"):
            assert uk(post, column) and en(post, column), column
        assert uk(post, "title") != en(post, "title")


def test_every_product_has_its_own_description_in_each_language():
    for language in ("uk", "en"):
        descriptions = [getattr(p.description, language) for p in PRODUCTS]
        assert len(set(descriptions)) == len(PRODUCTS), language
        for product, description in zip(PRODUCTS, descriptions, strict=True):
            name, short = getattr(product.name, language), getattr(product.short, language)
            # Long enough to say something, and not the short description again.
            assert len(description.split()) >= 60, (product.sku, language)
            assert short not in description, (product.sku, language)
            assert name != short
    # The old template's care advice ("wipe clean") is gone, even from coffee beans.
    assert not any("wipe clean" in p.description.en for p in PRODUCTS)


@pytest.mark.parametrize("headers", [UK, EN])
def test_the_product_page_shows_the_short_description_once(client, headers):
    seed()
    for product in Product.objects.filter(sku__in=["KIT-001", "COF-001", "TEC-007"]):
        body = client.get(product.get_absolute_url(), **headers).text.split("</head>", 1)[1]
        short = (
            uk(product, "short_description") if headers is UK else en(product, "short_description")
        ).replace("'", "&#x27;")
        assert body.count(short) == 1, product.sku


def test_the_blog_posts_link_products_by_their_name_in_the_posts_language(client):
    seed()
    post = Post.objects.get(slug="care-for-a-cast-iron-skillet")
    skillet = Product.objects.get(sku="KIT-001")
    link = f'<a href="{skillet.get_absolute_url()}" rel="noopener nofollow">'
    assert f"{link}Чавунна сковорода 26 см</a>" in uk(post, "body_html")
    # The English post links to the English page.
    with translation.override("en"):
        link_en = f'<a href="{skillet.get_absolute_url()}" rel="noopener nofollow">'
    assert f"{link_en}Cast Iron Skillet 26 cm</a>" in en(post, "body_html")
    page = client.get(post.get_absolute_url(), **UK).text
    assert "Як доглядати за чавунною сковородою" in page and f"{link}Чавунна" in page


def make_it_old() -> None:
    """The database as the first seeder left it, migrated: English text in the `_en` columns,
    the old description template, nothing in Ukrainian."""
    for product in Product.objects.all():
        name, short = en(product, "name"), en(product, "short_description")
        Product.objects.filter(pk=product.pk).update(
            name_uk=None,
            short_description_uk=None,
            description_uk=None,
            description_en=old_description(name, short),
        )
    Category.objects.update(name_uk=None, description_uk=None)
    Post.objects.update(
        title_uk=None,
        excerpt_uk=None,
        body_markdown_uk=None,
        body_html_uk=None,
        meta_description_uk=None,
    )


def test_reseeding_an_old_demo_database_fills_it_in_and_keeps_staff_changes():
    seed()
    make_it_old()
    # What staff changed since.
    Product.objects.filter(sku="KIT-001").update(price=Decimal("35.00"), stock=3, is_active=False)
    Product.objects.filter(sku="KIT-002").update(name_en="Chef's Knife 21 cm")
    Product.objects.filter(sku="KIT-003").update(description_en="Our own words.")
    Product.objects.filter(sku="KIT-004").update(description_uk="Наш власний опис.")
    Category.objects.filter(slug="home").update(name_en="Home & Living")
    Post.objects.filter(slug="better-pour-over-coffee-at-home").update(title_en="Pour-over 101")

    output = seed()

    assert "Products: 1/40 ~ KIT-001" in output  # brought up to date, and says so
    demo = {p.sku: p for p in PRODUCTS}
    skillet = Product.objects.get(sku="KIT-001")
    assert (skillet.price, skillet.stock, skillet.is_active) == (Decimal("35.00"), 3, False)
    assert uk(skillet, "name") == demo["KIT-001"].name.uk
    assert uk(skillet, "short_description") == demo["KIT-001"].short.uk
    assert en(skillet, "description") == demo["KIT-001"].description.en  # the template is gone
    assert uk(skillet, "description") == demo["KIT-001"].description.uk
    # A name staff changed stays theirs, with no translation of ours next to it.
    knife = Product.objects.get(sku="KIT-002")
    assert (en(knife, "name"), uk(knife, "name")) == ("Chef's Knife 21 cm", None)
    assert uk(knife, "description") == demo["KIT-002"].description.uk  # other fields are filled
    board = Product.objects.get(sku="KIT-003")
    assert (en(board, "description"), uk(board, "description")) == ("Our own words.", None)
    # Staff's Ukrainian description stays; the English template is replaced all the same.
    pot = Product.objects.get(sku="KIT-004")
    assert uk(pot, "description") == "Наш власний опис."
    assert en(pot, "description") == demo["KIT-004"].description.en
    home = Category.objects.get(slug="home")
    assert (en(home, "name"), uk(home, "name")) == ("Home & Living", None)
    assert uk(home, "description") == "Дрібниці, з якими вдома спокійніше й світліше."
    assert uk(Category.objects.get(slug="kitchen"), "name") == "Кухня"
    coffee = Post.objects.get(slug="better-pour-over-coffee-at-home")
    assert (en(coffee, "title"), uk(coffee, "title")) == ("Pour-over 101", None)
    assert uk(coffee, "body_html").startswith("<p>Кава в пуровері любить точність.")
    skillet_post = Post.objects.get(slug="care-for-a-cast-iron-skillet")
    assert uk(skillet_post, "title") == "Як доглядати за чавунною сковородою"
    assert "Чавунна сковорода 26 см</a>" in uk(skillet_post, "body_html")
    assert Product.objects.count() == 40 and Post.objects.count() == len(POSTS)

    # Once up to date, a run changes nothing.
    assert "~" not in seed()
