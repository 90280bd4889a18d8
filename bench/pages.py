"""The pages the load benchmark measures, and the shopper session the cart and checkout need.

Every page states the answer it must give (status, and for a redirect where it goes), so a
run can tell a measured step from a precondition failure: a checkout step whose session lost
its cart also answers 302, but to /cart/. The answer is checked with one request before and
after each measured run, and on every request of the run for pages with a shopper session
(bench/wrk.lua), where the state lives in the session.

Not measured: "Place order" (POST /checkout/review/). Each attempt places one order (stock is
taken, an order row and its e-mail are made) and the attempt's token then makes every repeat
a redirect to that order, so a repeated request would measure either a shrinking stock or the
"already placed" redirect, not placing an order.
"""

from dataclasses import dataclass, field

import httpx

PRODUCT_PATH = "/products/cast-iron-skillet-26-cm/"
CART_PRODUCT_IDS = (1, 2, 3)  # a fresh database: the demo products are ids 1..40
DETAILS = {
    "email": "bench@example.com",
    "full_name": "Bench Shopper",
    "phone": "+380 44 123 4567",
    "address_line1": "1 Load St",
    "address_line2": "",
    "city": "Kyiv",
    "postcode": "01001",
    "country": "UA",  # an ISO code: checkout offers a choice
}
DELIVERY = {"method": "standard"}
SESSION_COOKIES = ("sessionid", "csrftoken")


@dataclass(frozen=True)
class Page:
    key: str  # for --pages
    name: str  # in the report
    path: str
    method: str = "GET"
    form: dict = field(default_factory=dict)  # the POST body, besides the CSRF token
    shopper: bool = False  # needs the prepared shopper session
    status: int = 200
    location: str = ""  # where a redirect must go


PAGES = [
    Page("bare", "bare view", "/bench/bare/"),
    Page("catalogue", "catalogue", "/"),
    Page("product", "product", PRODUCT_PATH),
    Page("cart", "cart", "/cart/", shopper=True),
    Page("details", "checkout details GET", "/checkout/", shopper=True),
    Page(
        "details-post",
        "checkout details POST",
        "/checkout/",
        "POST",
        DETAILS,
        shopper=True,
        status=302,
        location="/checkout/delivery/",
    ),
    Page("delivery", "checkout delivery GET", "/checkout/delivery/", shopper=True),
    Page(
        "delivery-post",
        "checkout delivery POST",
        "/checkout/delivery/",
        "POST",
        DELIVERY,
        shopper=True,
        status=302,
        location="/checkout/review/",
    ),
    Page("review", "checkout review GET", "/checkout/review/", shopper=True),
]


class PageError(RuntimeError):
    pass


class Client:
    """Requests as a shopper's browser behind Render's HTTPS proxy would make them. The
    session and CSRF cookies are Secure, so they are kept by hand over plain HTTP."""

    def __init__(self, base: str) -> None:
        self.origin = base.replace("http://", "https://")
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
        self.cookies: dict[str, str] = {}

    def headers(self, page: Page | None = None) -> dict[str, str]:
        headers = {"X-Forwarded-Proto": "https", "Origin": self.origin}
        if self.cookies and (page is None or page.shopper):
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if page is not None and page.method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers

    def body(self, page: Page) -> str:
        if page.method != "POST":
            return ""
        form = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **page.form}
        return str(httpx.QueryParams(form))

    def send(self, method: str, path: str, body: str = "", page: Page | None = None):
        response = self.http.request(method, path, content=body or None, headers=self.headers(page))
        self.cookies |= {k: v for k, v in response.cookies.items() if k in SESSION_COOKIES}
        return response

    def probe(self, page: Page, when: str) -> None:
        """One request of the page; PageError unless it answers as the page must."""
        response = self.send(page.method, page.path, self.body(page), page)
        location = response.headers.get("Location", "")
        if response.status_code != page.status or location != page.location:
            where = f" → {location}" if location else ""
            raise PageError(
                f"{page.name} {when} the run: {page.method} {page.path} answered "
                f"{response.status_code}{where}, expected {page.status}"
                + (f" → {page.location}" if page.location else "")
            )

    def close(self) -> None:
        self.http.close()


def shopper(base: str) -> Client:
    """A shopper who has done everything "Place order" needs: items in the cart, contact
    details and a delivery method chosen, the review page seen once (it makes the checkout
    attempt's token). Each step is checked, so a changed precondition fails here, loudly."""
    client = Client(base)
    client.send("GET", "/accounts/login/")  # the CSRF cookie
    if "csrftoken" not in client.cookies:
        raise PageError("no CSRF cookie from /accounts/login/")
    for product_id in CART_PRODUCT_IDS:
        add = Page(
            "add",
            f"add product {product_id} to the cart",
            f"/cart/add/{product_id}/",
            "POST",
            {"quantity": "1"},
            shopper=True,
            status=302,
            location="/cart/",
        )
        client.probe(add, "preparing")
    for page in PAGES:  # also reads the "added to your cart" messages off the session
        if page.shopper:
            client.probe(page, "preparing")
    return client
