"""The 500 page in real Chromium: the "Error reference" a shopper reads out to support is the
id of the event the (local, real) Sentry envelope receiver got."""

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import UserFactory
from tests.e2e.pages import log_in, shop_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# How far an element's right edge passes its card's content box (> 0: it spills out).
SPILL_PX = """el => {
  const card = el.closest(".empty-state");
  const padding = parseFloat(getComputedStyle(card).paddingRight);
  return el.getBoundingClientRect().right - (card.getBoundingClientRect().right - padding);
}"""


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_500_page_shows_the_reference_of_the_event_sentry_received(
    page, device, page_problems, sentry
):
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    page.goto("/")
    log_in(page, staff.email)

    # Chromium logs the failed document load; that error is what this test is about.
    page_problems.expect(r"the server responded with a status of 500")
    response = page.goto("/_monitoring/sentry-error/")
    assert response is not None and response.status == 500
    expect(page.get_by_role("heading", name="Something went wrong")).to_be_visible()
    reference = page.get_by_test_id("error-reference").inner_text()
    assert len(reference) == 32
    # Support needs all of it: on a phone, too, it stays inside its card's padding.
    spill = page.get_by_test_id("error-reference").evaluate(SPILL_PX)
    assert spill <= 0, f"the reference sticks out of its card by {spill}px"
    shop_page(page, "error-500")

    events = sentry.wait_for(lambda: [e for e in sentry.events() if e["event_id"] == reference])
    assert len(events) == 1
    assert events[0]["exception"]["values"][-1]["type"] == "ZeroDivisionError"
    assert events[0]["transaction"] == "/_monitoring/sentry-error/"
    page.get_by_role("link", name="Back to the shop").click()
    expect(page.get_by_role("searchbox", name="Search products")).to_be_visible()
