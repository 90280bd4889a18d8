"""Accounts in real Chromium: staff enrol with an authenticator app and refund through the
"confirm it is you" prompt; a shopper signs up, verifies, downloads their data and leaves."""

import json
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from shop.models import Order
from tests.accounts.factories import UserFactory
from tests.e2e.pages import admin_enrol, screenshot, shop_page
from tests.shop.factories import ProductFactory
from tests.shop.payments.stripe.helpers import place_card_order, send_event
from tests.support.text import match_in
from tests.support.two_factor import code_from_secret

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "a-Long-and-unusual-passphrase-7"


@pytest.fixture
def paid_card_order(client, stripe_standin):
    kettle = ProductFactory.create(name="Pour-over Kettle", stock=4)
    order, _payment, session = place_card_order(client, stripe_standin, kettle, 1)
    paid = stripe_standin.pay(session["id"])
    assert send_event(client, stripe_standin, "checkout.session.completed", paid).status_code == 200
    order.refresh_from_db()
    assert order.charge_status == "paid"
    return order


def test_staff_enrol_with_totp_and_refund_through_the_sudo_prompt(
    page, paid_card_order, stripe_standin, settings
):
    # Every money action asks again (the window is ten minutes in production).
    settings.SUDO_WINDOW = timedelta(0)
    staff = UserFactory.create(email="cashier@example.com", is_staff=True, is_superuser=True)
    secret = admin_enrol(page, staff.email)
    screenshot(page, "admin-after-enrolment")

    page.goto("/admin/shop/order/")
    page.get_by_role("row", name=re.compile(paid_card_order.number)).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Refund selected orders")
    page.get_by_role("button", name="Go").click()

    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert not [r for r in stripe_standin.requests if r.path == "/v1/refunds"]
    screenshot(page, "admin-sudo-prompt")
    page.get_by_label("Code").fill(code_from_secret(secret, offset=1))
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.locator(".messagelist")).to_contain_text("1 order(s) refunded.")
    assert len([r for r in stripe_standin.requests if r.path == "/v1/refunds"]) == 1
    refunded = Order.objects.get(pk=paid_card_order.pk)
    assert (refunded.status, refunded.charge_status) == ("cancelled", "refunded")


def test_a_shopper_signs_up_verifies_downloads_their_data_and_deletes_the_account(
    page, mailoutbox, live_server
):
    page.goto("/accounts/signup/")
    page.get_by_label("Email address").fill("oksana@example.com")
    page.get_by_label("Password", exact=True).fill(PASSPHRASE)
    page.get_by_label("Password confirmation").fill(PASSPHRASE)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("To confirm your e-mail address, open the link")).to_be_visible()

    page.goto("/accounts/")
    expect(page.get_by_test_id("email-unverified")).to_have_text("not verified yet")
    shop_page(page, "account-unverified")
    [message] = mailoutbox
    link = match_in(r"https?://\S+/accounts/verify/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.get_by_text("your e-mail address is verified")).to_be_visible()
    expect(page.get_by_test_id("email-unverified")).to_have_count(0)
    expect(page.get_by_test_id("sessions").get_by_role("listitem")).to_have_count(1)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == "oksana@example.com"
    assert data["account"]["email_verified"] is True

    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_text("What we keep")).to_be_visible()
    shop_page(page, "account-delete")
    page.get_by_label("Current password").fill(PASSPHRASE)
    page.get_by_label("I understand that my account is deleted for good.").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account is deleted. Goodbye!")).to_be_visible()
    assert not UserFactory._meta.model.objects.filter(email="oksana@example.com").exists()
