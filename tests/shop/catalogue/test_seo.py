"""What search engines and link previews see: robots.txt with the site map, one canonical URL
per page, Open Graph tags with absolute URLs, and schema.org Product data that matches the
page (price, currency, availability)."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.blog.factories import PostFactory, TagFactory
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', html)


def product_data(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [data] = [json.loads(b) for b in blocks if '"Product"' in b]
    return data


# --- robots.txt ------------------------------------------------------------------------


PRIVATE = ["/cart/", "/checkout/", "/orders/", "/pay/", "/accounts/"]


@pytest.mark.production_languages
def test_robots_txt_keeps_crawlers_out_of_private_pages_in_both_languages(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Dis")}
    assert disallowed == {
        *PRIVATE,
        *(f"/en{path}" for path in PRIVATE),
        "/admin/",
        "/_monitoring/",
    }
    # The English site itself is never disallowed (Lighthouse SEO, the English shop's search).
    assert "Disallow: /en/" not in lines and "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405


@pytest.mark.production_languages
def test_robots_txt_is_one_file_for_every_visitor_and_language(client, settings, db):
    expected = client.get("/robots.txt").content
    for accept in ("en", "en-US,en;q=0.9,uk;q=0.8", "uk-UA,uk;q=0.9", "de", "*"):
        assert client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE=accept).content == expected, accept
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="en").content == expected


def test_robots_txt_uses_site_url_when_set(client, settings, db):
    settings.SITE_URL = "https://shop.example.com"
    assert "Sitemap: https://shop.example.com/sitemap.xml" in client.get("/robots.txt").text


# --- canonical links -------------------------------------------------------------------


def test_every_public_page_has_one_absolute_canonical_link(client, product):
    post = PostFactory.create(slug="brewing")
    pages = {
        "/": "http://testserver/",
        product.category.get_absolute_url(): f"http://testserver/category/{product.category.slug}/",
        product.get_absolute_url(): f"http://testserver/products/{product.slug}/",
        "/blog/": "http://testserver/blog/",
        post.get_absolute_url(): f"http://testserver{post.get_absolute_url()}",
        "/cart/": "http://testserver/cart/",
        "/orders/find/": "http://testserver/orders/find/",
    }
    for url, expected in pages.items():
        assert canonical(client.get(url).text) == [expected], url


def test_listings_keep_the_page_and_drop_sort_and_everything_else(client, category):
    ProductFactory.create_batch(13, category=category)  # two pages of twelve
    url = category.get_absolute_url()
    html = client.get(url, {"page": "2", "sort": "price_asc", "utm_source": "x"}).text
    assert canonical(html) == [f"http://testserver{url}?page=2"]
    assert canonical(client.get(url, {"page": "1", "sort": "name"}).text) == [
        f"http://testserver{url}"
    ]
    assert canonical(client.get(url, {"page": "abc"}).text) == [f"http://testserver{url}"]


def test_search_results_are_noindex_and_not_canonical(client, product):
    html = client.get("/", {"q": "skillet"}).text
    assert '<meta name="robots" content="noindex, follow">' in html
    assert canonical(html) == []


def test_canonical_links_use_site_url_when_set(client, product, settings):
    settings.SITE_URL = "https://shop.example.com"
    html = client.get(product.get_absolute_url(), HTTP_HOST="127.0.0.1").text
    assert canonical(html) == [f"https://shop.example.com{product.get_absolute_url()}"]
    assert meta(html, "og:url") == f"https://shop.example.com{product.get_absolute_url()}"


def test_a_cached_catalogue_page_never_carries_another_hosts_links(client, product, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    first = client.get("/", HTTP_HOST="localhost:8000").text
    second = client.get("/", HTTP_HOST="127.0.0.1:8001").text
    assert canonical(first) == ["http://localhost:8000/"]
    assert canonical(second) == ["http://127.0.0.1:8001/"]


# --- Open Graph ------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "category", "product", "blog", "post", "tag"])
def test_home_category_product_and_blog_pages_have_open_graph_tags(client, product, page):
    post = PostFactory.create(slug="brewing", meta_title="Brew better")
    post.tags.add(TagFactory.create(name="Coffee", slug="coffee"))
    url = {
        "home": "/",
        "category": product.category.get_absolute_url(),
        "product": product.get_absolute_url(),
        "blog": "/blog/",
        "post": post.get_absolute_url(),
        "tag": reverse("blog:tag", args=["coffee"]),
    }[page]
    html = client.get(url).text
    for prop in ("og:title", "og:description", "og:type", "og:url", "og:image"):
        assert meta(html, prop), (page, prop)
    assert meta(html, "og:url") == canonical(html)[0]
    image = meta(html, "og:image")
    assert image and image.startswith("http://testserver/static/")
    assert meta(html, "og:type") == {"product": "product", "post": "article"}.get(page, "website")


def test_the_product_preview_names_the_product(client, product):
    html = client.get(product.get_absolute_url()).text
    assert meta(html, "og:title") == product.name
    assert meta(html, "og:description") == product.short_description


def test_the_default_preview_picture_is_a_png_of_the_size_previews_want(client, db):
    from django.contrib.staticfiles import finders
    from PIL import Image

    path = finders.find("img/og-default.png")
    assert path, "static/img/og-default.png is missing"
    with Image.open(path) as picture:
        assert (picture.format, picture.size) == ("PNG", (1200, 630))


# --- schema.org Product ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("stock", "availability"),
    [(40, "InStock"), (3, "LimitedAvailability"), (0, "OutOfStock")],
)
def test_product_pages_carry_product_data_matching_the_page(
    client, category, settings, stock, availability
):
    settings.SHOP_CURRENCY = "UAH"
    product = ProductFactory.create(
        category=category, name="Chef's Knife", sku="KIT-002", price=Decimal("64"), stock=stock
    )
    data = product_data(client.get(product.get_absolute_url()).text)
    url = f"http://testserver{product.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Chef's Knife"
    assert data["sku"] == "KIT-002"
    assert data["description"] == product.short_description
    assert data["url"] == url
    assert data["image"][0].startswith("http://testserver/static/")
    assert data["offers"] == {
        "@type": "Offer",
        "url": url,
        "price": "64.00",
        "priceCurrency": "UAH",
        "availability": f"https://schema.org/{availability}",
        "itemCondition": "https://schema.org/NewCondition",
    }


def test_product_data_cannot_break_out_of_its_script_element(client, category):
    product = ProductFactory.create(
        category=category, name="</script><script>alert(1)</script>", short_description="a & b"
    )
    html = client.get(product.get_absolute_url()).text
    assert "<script>alert(1)" not in html
    assert product_data(html)["name"] == "</script><script>alert(1)</script>"


# --- the page itself ---------------------------------------------------------------------


def test_the_short_description_is_printed_once(client, category):
    """Before: the demo description began with the short description, shown just above it."""
    short = "Pre-seasoned, oven-safe and ready for a lifetime of searing."
    product = ProductFactory.create(
        category=category,
        short_description=short,
        description=f"{short}\n\nA heavy, honest pan that holds its heat.",
    )
    html = client.get(product.get_absolute_url()).text
    body = html.split("<main", 1)[1]
    assert body.count(short) == 1
    assert "A heavy, honest pan that holds its heat." in body


def test_a_description_that_does_not_repeat_the_lead_is_shown_whole(client, category):
    product = ProductFactory.create(
        category=category, short_description="Short.", description="First.\n\nSecond."
    )
    body = client.get(product.get_absolute_url()).text.split("<main", 1)[1]
    assert "<p>First.</p>" in body and "<p>Second.</p>" in body
