"""The account and two-factor pages in Ukrainian: no English interface text, the e-mails too."""

from django.core import mail
from django.test import Client

from tests.accounts.factories import PASSWORD, UserFactory
from tests.i18n.test_ukrainian_pages import english_in, english_ui_strings
from tests.support.text import match_in
from tests.support.two_factor import code_from_secret


def test_account_and_two_factor_pages_show_no_english_interface_text(
    db, django_capture_on_commit_callbacks
):
    strings = english_ui_strings()
    pages = {}
    shopper = Client()
    with django_capture_on_commit_callbacks(execute=True):
        form = {
            "email": "oksana@example.com",
            "password1": "a-Long-pass-77",
            "password2": "a-Long-pass-77",
        }
        pages["signed up"] = shopper.post("/accounts/signup/", form, follow=True).text
    pages["account, unverified"] = shopper.get("/accounts/").text
    pages["delete"] = shopper.get("/accounts/delete/").text
    pages["delete, refused"] = shopper.post("/accounts/delete/", {"password": "x"}).text
    pages["bad link"] = shopper.get("/accounts/verify/nonsense/").text
    setup = shopper.get("/accounts/two-factor/setup/").text
    pages["two-factor setup"] = setup
    secret = match_in(r'data-testid="otp-secret">([A-Z2-7 ]+)<', setup).group(1)
    pages["two-factor setup, refused"] = shopper.post(
        "/accounts/two-factor/setup/", {"otp_code": "000000"}
    ).text
    pages["recovery codes"] = shopper.post(
        "/accounts/two-factor/setup/", {"otp_code": code_from_secret(secret)}
    ).text
    pages["account, two factors on"] = shopper.get("/accounts/").text

    staff = UserFactory.create(is_staff=True)
    later = Client()
    later.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    pages["staff enrolment"] = later.get(later.get("/admin/")["Location"]).text
    again = Client()
    again.post("/accounts/login/", {"username": "oksana@example.com", "password": "a-Long-pass-77"})
    pages["code"] = again.get("/accounts/two-factor/verify/").text
    for _ in range(10):
        pages["code, refused"] = again.post("/accounts/two-factor/verify/", {"otp_code": "1"}).text
    pages["locked"] = again.post("/accounts/two-factor/verify/", {"otp_code": "1"}).text

    assert "ще не підтверджено" in pages["account, unverified"]
    assert "Налаштування двофакторного входу" in pages["staff enrolment"]
    assert "Код неправильний" in pages["code, refused"]
    assert "Забагато неправильних кодів" in pages["locked"]
    assert "Залишилося 10 резервних кодів" in pages["account, two factors on"]
    found = {name: english_in(html, strings) for name, html in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}
    for name, html in pages.items():
        assert '<html lang="uk">' in html, name
    [message] = mail.outbox
    assert message.subject == "Підтвердьте свою адресу e-mail для SmartShop AI"
    assert english_in(str(message.body), strings) == []
