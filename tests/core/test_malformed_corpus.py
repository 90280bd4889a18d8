"""A corpus of malformed requests over every URL of the project: odd methods, NUL bytes, invalid
UTF-8, overlong values, wrong types, huge and broken bodies. None may answer 500 or above.
Runs on SQLite and on PostgreSQL (where a NUL in a query is a DataError)."""

from itertools import product as combinations

import pytest
from django.test import Client

from blog.models import Tag
from shop.models import Order, Payment
from shop.orders.links import order_link_url
from tests.blog.factories import PostFactory
from tests.shop.conftest import cart_add, checkout
from tests.shop.factories import ProductFactory
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "PROPFIND"]
BAD_SEGMENTS = [
    "%00",
    "x%00y",
    "%FF%FE",
    "%C3%28",
    "%F0%9F%98%80",  # valid UTF-8 (an emoji): fine, but no such thing
    "%2500",
    "a" * 3000,
    "..%2F..%2Fsmartshop%2Fsettings.py",
    "%27%20OR%20%271%27%3D%271",
    "%3Cscript%3E",
]
BAD_IDS = ["0", "99999999999999999999999", "9" * 400]
BAD_QUERIES = [
    "q=%00",
    "q=%FF",
    "q=" + "x" * 20000,
    "q[]=1&q=2",
    "page=-1",
    "page=99999999999999999999",
    "page=abc",
    "page=%00",
    "sort=%FF%FE",
    "next=%00",
    "next=//evil.example.com/",
    "o=99.-88",
    "p=-5",
    "all=&e=1",
    "status=%00",
    "status__exact=nonsense",
    "created_at__gte=not-a-date",
    "id__in=1,a",
    "category__id__exact=x",
    "_changelist_filters=%00",
    "token=%00",
]


def form(data: dict | bytes, content_type="application/x-www-form-urlencoded") -> dict:
    return {"data": data, "content_type": content_type}


BAD_BODIES = [
    form(b"quantity=abc"),
    form(b"quantity=1&quantity=2"),
    form(b"quantity=" + b"9" * 5000),
    form(b"quantity=1%00"),
    form(b"quantity=%FF"),
    form(b"quantity=\xff\xfe"),
    form(b"email=" + b"a" * 10000 + b"@example.com&username=x&password=y"),
    form(b"username=%00&password=%00&email=%00"),
    form(b"payment_method=%00&method=%00&action=%00"),
    form(b"action=approve&action=decline"),
    form(b"=&&==&%%%"),
    form(b"x" * (400 * 1024)),
    form(b'{"quantity": 1}', "application/json"),
    form(b"\x00\x01\x02", "application/octet-stream"),
    form(b"--nope\r\n", "multipart/form-data"),  # no boundary
    form(b"--b\r\nContent-Disposition: form-data\r\n\r\nx", "multipart/form-data; boundary=b"),
    form(
        b'--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhi\r\n--b--',
        "multipart/form-data; boundary=b",
    ),
    form(b"--b\r\n" + b"y" * (11 * 1024 * 1024), "multipart/form-data; boundary=b"),
]


@pytest.fixture
def world(product, staff_user):
    """Real objects, so the corpus also reaches the pages behind valid URLs."""
    shopper = Client(raise_request_exception=False)
    cart_add(shopper, product, 1)
    checkout(shopper)
    order = Order.objects.get()
    payment = Payment.objects.latest("pk")  # the demo gateway's attempt, started at checkout
    post = PostFactory.create(slug="brewing")
    post.tags.add(Tag.objects.create(name="Coffee", slug="coffee"))
    ProductFactory.create(category=product.category, slug="second")
    staff = Client(raise_request_exception=False)
    otp_login(staff, staff_user)
    return {
        "anonymous": Client(raise_request_exception=False),
        "shopper": shopper,
        "staff": staff,
        "product": product,
        "order": order,
        "payment": payment,
        "token": order_link_url(order=order).rsplit("/", 2)[-2],
    }


def routes(w) -> list[str]:
    """Every URL pattern of the project, with `{}` where a segment can be anything."""
    pk = w["product"].pk
    number = w["order"].number
    return [
        "/",
        "/category/{}/",
        "/category/kitchen/",
        "/products/{}/",
        "/products/skillet/",
        "/cart/",
        f"/cart/add/{pk}/",
        f"/cart/update/{pk}/",
        f"/cart/remove/{pk}/",
        "/cart/clear/",
        "/checkout/",
        "/checkout/delivery/",
        "/checkout/review/",
        "/orders/",
        "/orders/link/{}/",
        f"/orders/link/{w['token']}/",
        "/orders/{}/",
        f"/orders/{number}/",
        "/orders/{}/pay/",
        f"/orders/{number}/pay/",
        "/pay/demo/{}/",
        f"/pay/demo/{w['payment'].reference}/",
        "/blog/",
        "/blog/tag/{}/",
        "/blog/tag/coffee/",
        "/blog/{}/",
        "/blog/brewing/",
        "/blog/feed/rss/",
        "/blog/feed/atom/",
        "/sitemap.xml",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/logout/",
        "/accounts/password-reset/",
        "/accounts/password-reset/sent/",
        "/accounts/reset/{}/{}/",
        "/accounts/reset/done/",
        "/healthz",
        "/_monitoring/sentry-error/",
        "/media/{}",
        "/static/{}",
        "/{}",
        "/admin/",
        "/admin/login/",
        "/admin/shop/order/",
        f"/admin/shop/order/{w['order'].pk}/change/",
        "/admin/shop/order/{}/change/",
        "/admin/shop/product/",
        f"/admin/shop/product/{pk}/change/",
        "/admin/shop/product/{}/change/",
        "/admin/shop/product/add/",
        "/admin/blog/post/",
        "/admin/blog/post/write-with-ai/",
        "/admin/accounts/user/",
        "/admin/axes/accessattempt/",
    ]


def corpus(w) -> list[tuple[str, str, str, dict]]:
    """(client, method, path, request kwargs) for every malformed request."""
    requests: list[tuple[str, str, str, dict]] = []
    for route in routes(w):
        who = ["staff"] if route.startswith("/admin/") else ["anonymous", "shopper"]
        plain = route.replace("{}", "x")
        for client, method in combinations(who, METHODS):
            requests.append((client, method, plain, {}))
        if "{}" in route:
            for segment in BAD_SEGMENTS:
                requests.append((who[0], "GET", route.replace("{}", segment), {}))
                requests.append((who[-1], "POST", route.replace("{}", segment), {}))
        if "/cart/" in route and route.count("/") == 4:
            for bad_id in BAD_IDS:
                requests.append((who[-1], "POST", f"/cart/add/{bad_id}/", {}))
    pages = ["/", "/category/kitchen/", "/blog/", "/orders/", "/accounts/login/"]
    pages += ["/admin/shop/order/", "/admin/shop/product/", "/admin/blog/post/"]
    for page, query in combinations(pages, BAD_QUERIES):
        viewer = "staff" if page.startswith("/admin/") else "shopper"
        requests.append((viewer, "GET", f"{page}?{query}", {}))
    forms = [
        f"/cart/add/{w['product'].pk}/",
        f"/cart/update/{w['product'].pk}/",
        "/checkout/",
        "/checkout/delivery/",
        "/checkout/review/",
        f"/orders/{w['order'].number}/pay/",
        f"/pay/demo/{w['payment'].reference}/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password-reset/",
        "/admin/login/",
        "/admin/shop/product/add/",
        "/admin/shop/order/",
    ]
    for url, body in combinations(forms, BAD_BODIES):
        viewer = "staff" if url.startswith("/admin/shop") else "shopper"
        requests.append((viewer, "POST", url, body))
    for url in forms[:3]:
        for length in ("-1", "abc", "99999999999"):
            requests.append(
                ("shopper", "POST", url, {**form(b"quantity=1"), "CONTENT_LENGTH": length})
            )
    return requests


def test_no_malformed_request_gets_a_server_error(world):
    requests = corpus(world)
    assert len(requests) >= 500
    errors = []
    for who, method, path, kwargs in requests:
        response = world[who].generic(method, path, **kwargs)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {who} {method} {path[:120]} {str(kwargs)[:80]}")
    assert errors == [], "\n".join(errors)
