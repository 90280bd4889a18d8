import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import PASSWORD
from tests.support.text import match_in

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a-Long-and-unusual-passphrase-7"


def signup(client, email="new@example.com", password=GOOD_PASSWORD, confirm=None, **extra):
    data = {"email": email, "password1": password, "password2": confirm or password}
    return client.post(reverse("accounts:signup"), data | extra)


def test_sign_up_creates_an_account_and_logs_in(client):
    response = signup(client, email="New@Example.com")
    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert user.email == "new@example.com"
    assert user.check_password(GOOD_PASSWORD)
    assert not user.is_staff
    assert client.get("/").context["user"] == user


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short"),
        ("password123", "This password is too common"),
        ("83749201746352", "This password is entirely numeric"),
        ("new@example.com1", "The password is too similar to the email address"),
    ],
)
def test_sign_up_applies_djangos_password_validators(client, password, message):
    response = signup(client, password=password)
    assert response.status_code == 400
    assert message in response.text
    assert not get_user_model().objects.exists()


def test_sign_up_refuses_mismatched_passwords_and_taken_emails(client, user):
    response = signup(client, confirm="something-else-entirely-9")
    assert response.status_code == 400
    assert "didn’t match" in response.text or "didn't match" in response.text

    response = signup(client, email=user.email.upper())
    assert response.status_code == 400
    assert "An account with this e-mail already exists" in response.text
    assert get_user_model().objects.count() == 1


def test_sign_up_follows_only_a_local_next(client):
    response = signup(client, next="https://evil.example.com/")
    assert response.url == reverse("shop:catalogue")
    client.logout()
    response = signup(client, email="b@example.com", next="/cart/")
    assert response.url == "/cart/"


def test_log_in_is_by_email_case_insensitive_and_log_out_ends_the_session(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == user

    assert client.get(reverse("accounts:logout")).status_code == 405  # log-out is POST only
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_log_in_with_a_wrong_password_says_so(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.text


def test_log_in_refuses_an_off_site_next(client, user):
    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert response.url == reverse("shop:catalogue")


def test_password_reset_by_email_link(client, user):
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    link = match_in(r"http://testserver(/accounts/reset/\S+/\S+/)", message.body).group(1)

    response = client.get(link, follow=True)
    assert "Choose a new password" in response.text
    new_password = "another-Long-passphrase-88"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)

    # The link works once.
    assert "This link has expired" in client.get(link, follow=True).text


def test_password_reset_for_an_unknown_email_reveals_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "ghost@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []
