"""The shop's information pages as a Ukrainian shopper reads them: a public offer, returns,
delivery and payment, privacy, contacts with the seller's legal details; linked from every
page's footer and from the checkout's last step; one return period everywhere; text edited by
staff in both languages and sanitised."""

import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from pages.checks import seller_details_check
from pages.models import LegalPage, LegalPageKind
from pages.services import legal_pages_seed
from tests.shop.conftest import ADDRESS, cart_add

pytestmark = [pytest.mark.django_db, pytest.mark.production_languages]

PAGES = {
    "/info/offer/": ("Публічна оферта", "Public offer"),
    "/info/returns/": ("Повернення й обмін", "Returns and exchanges"),
    "/info/delivery-and-payment/": ("Доставка й оплата", "Delivery and payment"),
    "/info/privacy/": ("Політика конфіденційності", "Privacy policy"),
}


@pytest.fixture(autouse=True)
def pages(db):
    assert legal_pages_seed() == len(LegalPageKind)


def test_every_information_page_is_there_in_both_languages_with_the_seller(client):
    for path, (uk_title, en_title) in PAGES.items():
        uk = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert uk.status_code == 200, path
        assert f"<h1>{uk_title}" in uk.text and '<html lang="uk">' in uk.text
        en = client.get("/en" + path)
        assert en.status_code == 200 and f"<h1>{en_title}" in en.text
        # Who sells, before anyone buys: name, ЄДРПОУ/РНОКПП, address; marked as a demo here.
        for html in (uk.text, en.text):
            assert "ФОП Демченко Олена Іванівна" in html and "0000000000" in html
            assert 'data-testid="seller-demo"' in html
    offer = client.get("/info/offer/").text
    assert "«Про захист прав споживачів»" in offer and "статей 633 і 641" in offer
    assert client.get("/info/no-such-page/").status_code == 404


def test_contacts_give_a_phone_e_mail_and_messengers(client):
    html = client.get("/info/contacts/").text
    assert '<a href="tel:+380441234567">+380 44 123 45 67</a>' in html
    assert 'href="mailto:hello@smartshop.example"' in html
    assert 'href="https://t.me/smartshop_demo"' in html and "Viber" in html


def test_every_page_footer_links_the_information_pages_and_the_seller(client, product):
    for path in ("/", product.get_absolute_url(), "/cart/", "/en/"):
        html = client.get(path).text
        footer = html[html.index('<footer class="site-footer">') :]
        for info in (*PAGES, "/info/contacts/"):
            link = info if not path.startswith("/en/") else "/en" + info
            assert f'href="{link}"' in footer, (path, link)
        assert "ФОП Демченко" in footer and "tel:+380441234567" in footer


def test_one_return_period_in_the_footer_the_returns_page_and_the_offer(client, settings):
    settings.SHOP_RETURN_DAYS = 21
    footer = client.get("/").text
    assert "Повернення протягом 21 дня" in footer and "30" not in footer.split("footer-note")[1]
    assert "21-day returns" in client.get("/en/").text
    assert "<strong>21 день</strong>" in client.get("/info/returns/").text
    settings.SHOP_RETURN_DAYS = 30
    assert "<strong>30 днів</strong>" in client.get("/info/offer/").text
    settings.SHOP_RETURN_DAYS = 21
    assert "<strong>21 days</strong>" in client.get("/en/info/offer/").text
    # Not one day below the law's 14.
    for promise in (14, 60):
        settings.SHOP_RETURN_DAYS = promise
        assert f"<strong>{promise} days</strong>" in client.get("/en/info/returns/").text


def test_the_return_period_is_never_below_the_law_at_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "smartshop.settings",
            "SHOP_RETURN_DAYS": "7",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "SHOP_RETURN_DAYS must be 14 or more" in result.stderr


def test_the_checkout_review_says_placing_the_order_accepts_the_offer(client, product):
    cart_add(client, product)
    client.post(reverse("shop:checkout"), ADDRESS)
    client.post(reverse("shop:checkout_shipping"), {"method": "standard"})
    html = client.get(reverse("shop:checkout_review")).text
    consent = re.search(r'data-testid="offer-consent">(.*?)</p>', html, re.S)
    assert consent and "публічної оферти" in consent.group(1)
    assert 'href="/info/offer/"' in consent.group(1) and 'href="/info/privacy/"' in consent.group(1)
    assert consent.start() < html.index("Оформити замовлення")


def test_a_live_shop_without_seller_details_shows_none_and_the_deploy_check_says_so(
    client, settings, capsys
):
    for name in ("NAME", "CODE", "ADDRESS"):
        setattr(settings, f"SHOP_SELLER_{name}", "")
    settings.SHOP_CONTACT_PHONE = settings.SHOP_CONTACT_TELEGRAM = settings.SHOP_CONTACT_VIBER = ""
    settings.SHOP_SELLER_DEMO = False
    html = client.get("/info/offer/").text
    assert 'data-testid="seller"' not in html and "ФОП Демченко" not in html
    assert 'data-testid="footer-seller"' not in client.get("/").text
    (warning,) = seller_details_check(None)
    assert warning.id == "pages.W001" and "SHOP_SELLER_NAME" in warning.msg


def test_staff_edit_the_text_in_both_languages_and_it_is_sanitised(staff_client):
    page = LegalPage.objects.get(kind="privacy")
    url = f"/admin/pages/legalpage/{page.pk}/change/"
    form = staff_client.get(url)
    assert form.status_code == 200 and "body_markdown_en" in form.text
    assert staff_client.get("/admin/pages/legalpage/add/").status_code == 403
    response = staff_client.post(
        url,
        {
            "title_uk": "Конфіденційність",
            "title_en": "Privacy",
            "body_markdown_uk": "Ми **бережемо** дані.<script>alert(1)</script>",
            "body_markdown_en": "We keep **your** data safe. [x](javascript:alert(1))",
        },
    )
    assert response.status_code == 302, response.content
    uk = Client().get("/info/privacy/").text
    assert "<h1>Конфіденційність" in uk and "<strong>бережемо</strong>" in uk
    assert "<script>alert" not in uk
    en = Client().get("/en/info/privacy/").text
    assert "<strong>your</strong>" in en and "javascript:" not in en


def test_seeding_twice_keeps_what_staff_wrote():
    LegalPage.objects.filter(kind="offer").update(title_uk="Наша оферта")
    assert legal_pages_seed() == 0
    assert LegalPage.objects.get(kind="offer").title_uk == "Наша оферта"
    call_command("check")


def test_the_sitemap_lists_the_information_pages_in_both_languages(client):
    assert "/sitemap-pages.xml" in client.get("/sitemap.xml").text  # the index names it
    xml = client.get("/sitemap-pages.xml").text
    for path in (*PAGES, "/info/contacts/"):
        assert f"<loc>http://testserver{path}</loc>" in xml, path
        assert f"<loc>http://testserver/en{path}</loc>" in xml, path
