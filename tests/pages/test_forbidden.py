"""Never Django's raw 403: a stale CSRF token gets a styled page in the shopper's language
that explains and offers a way back, and "Add to cart" on a page left open while the shopper
logged in in another tab still adds, after one click on a fresh form."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from smartshop.urls import urlpatterns as site_urls
from tests.accounts.factories import PASSWORD
from tests.support.text import match_in

pytestmark = [pytest.mark.django_db, pytest.mark.production_languages]


def _refuse(request):
    raise PermissionDenied


urlpatterns = [path("refused/", _refuse), *site_urls]
handler403 = "pages.errors.forbidden"


def token_of(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def cart_count(client: Client) -> str:
    found = re.search(r'data-testid="cart-count"[^>]*>(\d+)<', client.get("/cart/").text)
    assert found, "no cart count"
    return found.group(1)


def test_add_to_cart_after_logging_in_in_another_tab_just_works(skillet, user):
    browser = Client(enforce_csrf_checks=True)
    product_page = browser.get("/products/skillet/")
    stale = token_of(product_page.text)
    # Another tab: the log-in form, posted; Django rotates the CSRF token on log-in.
    login_page = browser.get("/accounts/login/")
    browser.post(
        "/accounts/login/",
        {
            "username": user.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": token_of(login_page.text),
        },
    )
    assert "_auth_user_id" in browser.session
    # Back on the product page, left open: "Add to cart" with the old token.
    refused = browser.post(
        f"/cart/add/{skillet.pk}/",
        {"quantity": "3", "csrfmiddlewaretoken": stale},
        HTTP_REFERER="http://testserver/products/skillet/",
    )
    assert refused.status_code == 403
    assert "DEBUG" not in refused.text and "Заборонено (403)" not in refused.text
    assert '<html lang="uk">' in refused.text and "Додати до кошика?" in refused.text
    assert "Чавунна сковорода" in refused.text and cart_count(browser) == "0"
    # The same product and quantity, a fresh token: one click and it is in the cart.
    form = match_in(r'<form action="([^"]+)" method="post">(.*?)</form>', refused.text, re.S)
    assert form.group(1) == f"/cart/add/{skillet.pk}/"
    assert 'name="quantity" value="3"' in form.group(2)
    done = browser.post(
        form.group(1), {"quantity": "3", "csrfmiddlewaretoken": token_of(form.group(2))}
    )
    assert done.status_code == 302 and cart_count(browser) == "3"


def test_a_forged_add_to_cart_adds_nothing_without_the_shoppers_click(skillet):
    browser = Client(enforce_csrf_checks=True)
    browser.get("/products/skillet/")
    forged = browser.post(f"/cart/add/{skillet.pk}/", {"quantity": "5"})
    assert forged.status_code == 403 and cart_count(browser) == "0"


@pytest.mark.parametrize(
    ("prefix", "lang", "title"), [("", "uk", "Спробуйте ще раз"), ("/en", "en", "Please try again")]
)
def test_any_other_stale_form_gets_a_styled_page_in_the_shoppers_language(
    skillet, prefix, lang, title
):
    browser = Client(enforce_csrf_checks=True)
    browser.get(f"{prefix}/products/skillet/")
    refused = browser.post(
        f"{prefix}/cart/clear/",
        {"csrfmiddlewaretoken": "stale" * 8},
        HTTP_REFERER=f"http://testserver{prefix}/cart/",
    )
    assert refused.status_code == 403
    assert f'<html lang="{lang}">' in refused.text and f"<h1>{title}</h1>" in refused.text
    assert f'href="http://testserver{prefix}/cart/"' in refused.text  # back where it was
    assert 'class="site-footer"' in refused.text  # the shop's own layout, not Django's page


def test_going_back_never_leaves_the_site(skillet):
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post("/cart/clear/", HTTP_REFERER="https://evil.example/")
    assert refused.status_code == 403 and "evil.example" not in refused.text


@pytest.mark.urls("tests.pages.test_forbidden")
def test_a_refused_request_is_a_styled_translated_page_not_a_bare_403(client):
    uk = client.get("/refused/")
    assert uk.status_code == 403 and "<h1>Доступ заборонено</h1>" in uk.text
    assert "403 Forbidden" not in uk.text and 'class="site-footer"' in uk.text
