"""Ukrainian first, English second: the URL names the language, a first visit is Ukrainian
whatever the browser prefers, the switcher's choice is remembered, and nothing a shopper has
(cart, session) is lost on the way."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.shop.conftest import cart_add

pytestmark = pytest.mark.django_db

EN_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
# Common on Ukrainian phones: English first, Ukrainian second.
EN_FIRST_PHONE = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9,uk;q=0.8"}
UK_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "uk-UA,uk;q=0.9,en;q=0.5"}
GOOGLEBOT = {
    **EN_BROWSER,
    "HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
}


def test_ukrainian_is_the_default_and_english_the_second_language():
    assert settings.LANGUAGE_CODE == "uk"
    assert [code for code, _name in settings.LANGUAGES] == ["uk", "en"]


def test_the_existing_urls_are_the_ukrainian_pages_and_english_lives_under_en(client, skillet):
    uk = client.get("/products/skillet/")
    assert uk.status_code == 200
    assert '<html lang="uk">' in uk.text and "Додати до кошика" in uk.text
    assert "Чавунна сковорода" in uk.text and uk["Content-Language"] == "uk"
    en = client.get("/en/products/skillet/")
    assert en.status_code == 200
    assert '<html lang="en">' in en.text and "Add to cart" in en.text
    assert "Cast iron skillet" in en.text and en["Content-Language"] == "en"
    for path in ("/", "/category/kitchen/", "/cart/", "/blog/", "/accounts/login/"):
        assert client.get(path).status_code == 200, path
        assert client.get(f"/en{path}").status_code == 200, path


@pytest.mark.parametrize("browser", [EN_FIRST_PHONE, EN_BROWSER, UK_BROWSER, {}])
def test_a_first_visit_is_ukrainian_whatever_the_browser_prefers(client, skillet, browser):
    for path in ("/", "/products/skillet/?ref=ad", "/blog/"):
        response = client.get(path, **browser)
        assert response.status_code == 200, path
        assert '<html lang="uk">' in response.text and response["Content-Language"] == "uk"
        # One page per URL for every browser: caches key it on the cookie alone.
        assert "Cookie" in _vary(response) and "Accept-Language" not in _vary(response)
    assert "Додати до кошика" in client.get("/products/skillet/", **EN_FIRST_PHONE).text


def test_an_english_page_is_english_and_final_whatever_the_browser_says(client, skillet):
    english = client.get("/en/products/skillet/", **UK_BROWSER)
    assert english.status_code == 200 and "Add to cart" in english.text


def test_crawlers_and_forms_are_never_redirected_by_language(client, skillet):
    crawled = client.get("/products/skillet/", **GOOGLEBOT)
    assert crawled.status_code == 200 and "Додати до кошика" in crawled.text
    # A form posted to a Ukrainian URL from an English browser is handled, not redirected.
    posted = client.post(f"/cart/add/{skillet.pk}/", {"quantity": 1}, **EN_BROWSER)
    assert posted.status_code == 302 and posted["Location"] == "/cart/"


def test_non_page_urls_have_one_address_and_no_language_redirect(client, skillet):
    assert client.get("/sitemap.xml", **EN_BROWSER).status_code == 200
    assert client.get("/admin/login/", **EN_BROWSER).status_code == 200
    assert client.get("/en/admin/login/").status_code == 404
    assert client.get("/en/sitemap.xml").status_code == 404


def test_the_default_languages_own_prefix_redirects_to_the_page_without_it(client, skillet):
    response = client.get("/uk/products/skillet/?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/products/skillet/?page=2"


def _switch(client: Client, page: str, **headers) -> tuple[str, dict[str, str]]:
    """Press the header's language button on `page`: its form as the browser posts it."""
    html = client.get(page, **headers).text
    form = re.search(
        r'<form class="language-switch" action="([^"]+)" method="post">(.*?)</form>', html, re.S
    )
    assert form, "no language switch on " + page
    fields = dict(re.findall(r'name="(language|next)" value="([^"]*)"', form.group(2)))
    return form.group(1), fields


def test_the_switcher_goes_to_the_same_page_in_the_other_language_and_remembers(client, skillet):
    action, fields = _switch(client, "/products/skillet/?ref=ad")
    assert action == "/i18n/setlang/"
    assert fields == {"language": "en", "next": "/en/products/skillet/?ref=ad"}
    response = client.post(action, fields, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302 and response["Location"] == fields["next"]
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 60 * 60 * 24 * 300
    # Remembered: a later visit to a Ukrainian URL goes to the English page...
    later = client.get("/category/kitchen/")
    assert later.status_code == 302 and later["Location"] == "/en/category/kitchen/"
    # ...and switching back to Ukrainian is remembered too.
    action, fields = _switch(client, "/en/category/kitchen/")
    assert fields == {"language": "uk", "next": "/category/kitchen/"}
    client.post(action, fields, HTTP_SEC_FETCH_SITE="same-origin")
    page = client.get("/category/kitchen/", **EN_BROWSER)
    assert page.status_code == 200 and "Кухня" in page.text


def test_the_switcher_works_without_javascript_and_is_labelled(client, skillet):
    html = client.get("/").text
    button = re.search(r'<button type="submit" class="language-button"[^>]*>(.*?)</button>', html)
    assert button, "the switch is a plain submit button"
    assert 'Перемкнути мову на </span><span lang="en">English</span>' in button.group(1)
    # On a phone the button shows "EN" (site.css), which stays part of its accessible name.
    assert '<span class="language-short" lang="en">EN</span>' in button.group(1)
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    assert re.search(r"\.language-button \{[^}]*min-height: 44px; min-width: 44px", css)


def test_a_language_switch_posted_from_another_site_is_refused(client):
    fields = {"language": "en", "next": "/en/"}
    refused = client.post("/i18n/setlang/", fields, HTTP_SEC_FETCH_SITE="cross-site")
    assert refused.status_code == 403 and settings.LANGUAGE_COOKIE_NAME not in refused.cookies
    old_browser = client.post("/i18n/setlang/", fields, HTTP_ORIGIN="https://evil.example")
    assert old_browser.status_code == 403
    own = client.post("/i18n/setlang/", fields, HTTP_ORIGIN="http://testserver")
    assert own.status_code == 302 and own.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # Never an open redirect: a `next` on another site goes nowhere near it.
    away = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert "evil.example" not in away.get("Location", "")


def test_the_cart_and_session_survive_switching_language(client, skillet):
    cart_add(client, skillet, quantity=2)
    action, fields = _switch(client, "/cart/")
    client.post(action, fields, HTTP_SEC_FETCH_SITE="same-origin")
    english = client.get("/en/cart/")
    assert "Cast iron skillet" in english.text
    assert re.search(r'data-testid="cart-count"[^>]*>2<', english.text)


def test_every_page_names_its_language_versions_for_search_engines(client, skillet):
    html = client.get("/products/skillet/").text
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "uk": "http://testserver/products/skillet/",
        "en": "http://testserver/en/products/skillet/",
        "x-default": "http://testserver/products/skillet/",
    }
    english = client.get("/en/blog/").text
    assert '<link rel="alternate" hreflang="uk" href="http://testserver/blog/">' in english
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/blog/">' in english


def test_the_sitemap_lists_every_page_in_both_languages_with_alternates(client, skillet):
    assert "<loc>http://testserver/sitemap-products.xml</loc>" in client.get("/sitemap.xml").text
    xml = client.get("/sitemap-products.xml").text
    assert "<loc>http://testserver/products/skillet/</loc>" in xml
    assert "<loc>http://testserver/en/products/skillet/</loc>" in xml
    assert 'hreflang="x-default" href="http://testserver/products/skillet/"' in xml


def test_the_cached_catalogue_page_is_never_served_in_the_other_language(client, skillet):
    """The catalogue's whole page is cached for first-time visitors (shop/catalogue/selectors.py):
    one per language. Each visitor below is new, so both pages come from the cache after the
    first request of each language."""
    for _round in range(2):
        uk = Client().get("/")
        en = Client().get("/en/")
        assert "Чавунна сковорода" in uk.text and "Cast iron skillet" not in uk.text
        assert "Cast iron skillet" in en.text and "Чавунна сковорода" not in en.text
        assert "Усі товари" in uk.text and "All products" in en.text


def test_the_admin_speaks_the_staff_members_language(staff_client):
    ukrainian = staff_client.get("/admin/shop/order/", HTTP_ACCEPT_LANGUAGE="uk")
    assert ukrainian.status_code == 200 and "Замовлення" in ukrainian.text
    english = staff_client.get("/admin/shop/order/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Orders" in english.text and "Замовлення" not in english.text
    # The switcher's remembered choice wins over the browser, in the admin as on the shop.
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chosen = staff_client.get("/admin/shop/order/", HTTP_ACCEPT_LANGUAGE="uk")
    assert "Orders" in chosen.text


def _vary(response) -> set[str]:
    return {v.strip() for v in response.get("Vary", "").split(",")}
