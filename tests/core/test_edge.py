"""Malformed input at the edge: a clear 4xx, never a 500, and nothing changed."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from shop.models import Order
from tests.blog.factories import PostFactory
from tests.shop.conftest import cart_add, checkout
from tests.shop.factories import ProductFactory
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

BAD_TEXT = "Bad request: a NUL byte or text that is not valid UTF-8 in the"


@pytest.fixture
def client():
    # A 500 comes back as a response (as a shopper would see it), not as an exception.
    return Client(raise_request_exception=False)


@pytest.fixture
def staff_client(staff_user):
    client = Client(raise_request_exception=False)
    otp_login(client, staff_user)
    return client


def test_nul_in_the_search_query_is_a_400(client, product):
    for query in ("%00", "skillet%00", "a%00b&sort=name"):
        response = client.get(f"/?q={query}")
        assert response.status_code == 400
        assert "query string" in response.text and BAD_TEXT in response.text


def test_nul_in_an_order_number_and_a_payment_reference_is_a_400(client, product):
    cart_add(client, product, 1)
    checkout(client)
    order = Order.objects.get()
    for path in (
        "/orders/SS-2026-%00/",
        f"/orders/{order.number}%00/",
        "/orders/%00/pay/",
        "/orders/link/%00/",
        "/pay/demo/%00/",
    ):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "address" in response.text and BAD_TEXT in response.text
    response = client.post("/pay/demo/abc%00def/", {"action": "approve"})
    assert response.status_code == 400
    assert client.get(order.get_absolute_url()).status_code == 200  # the real one still opens


def test_nul_in_admin_filters_and_search_is_a_400(staff_client, product):
    for url in (
        "/admin/shop/order/?status=%00",
        "/admin/shop/order/?q=%00",
        "/admin/shop/product/?category__id__exact=1%00",
        "/admin/blog/post/?status=draft%00",
    ):
        response = staff_client.get(url)
        assert response.status_code == 400, url


def test_invalid_utf8_in_path_query_or_form_is_a_400(client, product):
    assert client.get("/products/%FF%FE/").status_code == 400
    assert client.get("/?q=%C3%28").status_code == 400
    assert client.get("/blog/?page=%80").status_code == 400
    for body in (b"quantity=1&note=%FF", b"quantity=1%00", b"quantity=\xff"):
        response = client.post(
            reverse("shop:cart_add", args=[product.pk]),
            body,
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 400
        assert "form" in response.text and BAD_TEXT in response.text
    response = client.post(
        reverse("shop:cart_add", args=[product.pk]), {"quantity": "1", "note": "a\x00b"}
    )
    assert response.status_code == 400
    assert client.session.get("cart") is None


def test_valid_non_ascii_text_passes(client, product):
    product.name = "Чавунна сковорідка"
    product.save()
    response = client.get("/?q=%D0%A7%D0%B0%D0%B2%D1%83%D0%BD")  # "Чавун"
    assert response.status_code == 200
    assert "Чавунна сковорідка" in response.text


def test_a_nul_in_a_header_is_a_400_and_a_nul_cookie_is_ignored(client, product):
    assert client.get("/", HTTP_USER_AGENT="curl\x00").status_code == 400
    client.cookies["sessionid"] = "\x00" * 32
    client.cookies["other"] = "x\x00y"
    assert client.get("/").status_code == 200
    cart_add(client, product, 1)  # a fresh session works


@pytest.mark.parametrize("method", ["put", "delete", "patch", "trace"])
def test_unused_methods_are_405(client, product, method):
    post = PostFactory.create()
    for url in (
        "/",
        "/category/kitchen/",
        product.get_absolute_url(),
        reverse("blog:post_list"),
        post.get_absolute_url(),
        reverse("blog:feed_rss"),
        reverse("blog:feed_atom"),
        "/sitemap.xml",
        reverse("shop:cart"),
        reverse("accounts:login"),
        "/admin/",
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url)
        assert "POST" in response["Allow"]


def test_read_only_pages_take_get_and_head_only(client, product):
    browser = Client(enforce_csrf_checks=True)
    post = PostFactory.create()
    tag_url = reverse("blog:tag", args=["coffee"])
    for url in (
        "/",
        "/category/kitchen/",
        product.get_absolute_url(),
        reverse("blog:post_list"),
        tag_url,
        post.get_absolute_url(),
        reverse("blog:feed_rss"),
        reverse("blog:feed_atom"),
        "/sitemap.xml",
    ):
        assert client.post(url).status_code == 405, url
        # A POST with no CSRF token is still "method not allowed", not "forbidden".
        assert browser.post(url, {"q": "x"}).status_code == 405, url
        assert client.options(url).status_code == 405, url
        assert client.head(url).status_code in (200, 404), url
    assert client.get("/").status_code == 200


def test_a_10_mb_multipart_body_is_refused_everywhere_with_413(client, staff_client, product):
    big = SimpleUploadedFile("big.bin", b"x" * (10 * 1024 * 1024))
    for url in (
        reverse("shop:cart_add", args=[product.pk]),
        reverse("shop:checkout"),
        reverse("accounts:login"),
        reverse("accounts:signup"),
    ):
        big.seek(0)
        response = client.post(url, {"quantity": "1", "file": big})
        assert response.status_code == 413, url
        assert "Request too large" in response.text
    big.seek(0)
    response = staff_client.post(reverse("admin:shop_product_add"), {"image": big})
    assert response.status_code == 413
    assert client.session.get("cart") is None


def test_a_large_form_body_is_refused_with_413(client, product):
    body = b"quantity=1&note=" + b"a" * (300 * 1024)
    response = client.post(
        reverse("shop:cart_add", args=[product.pk]),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert client.session.get("cart") is None


def test_files_are_taken_only_by_the_admin(client, staff_client, category, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product = ProductFactory.create(category=category)
    small = SimpleUploadedFile("note.txt", b"hello")
    response = client.post(reverse("shop:cart_add", args=[product.pk]), {"quantity": 1, "f": small})
    assert response.status_code == 400
    assert "does not accept file uploads" in response.text
    assert client.session.get("cart") is None

    # The admin's product form takes its image.
    png = BytesIO()
    Image.new("RGB", (2, 2), "red").save(png, "PNG")
    data = {
        "name_en": "Kettle",
        "slug": "kettle",
        "sku": "COF-004",
        "category": category.pk,
        "is_active": "on",
        "price": "54.90",
        "stock": "9",
        "image": SimpleUploadedFile("kettle.png", png.getvalue(), content_type="image/png"),
    }
    response = staff_client.post(reverse("admin:shop_product_add"), data)
    assert response.status_code == 302, response.content[:2000]
    assert (tmp_path / "products").exists()


def test_a_broken_multipart_body_is_a_plain_400(client, product):
    response = client.post(
        reverse("shop:cart_add", args=[product.pk]),
        b"--nope\r\n",
        content_type="multipart/form-data",  # no boundary
    )
    assert response.status_code == 400
    assert "the form data could not be read" in response.text
