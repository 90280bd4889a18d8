"""Staff in real Chromium: the Django admin's forms and scripts, and what shoppers then see.
Django's admin is screenshotted but not held to the shop's phone layout rules."""

import re

import pytest
from playwright.sync_api import Page, expect

from blog.demo import demo_posts_seed
from shop.catalogue.demo import demo_catalogue_seed
from tests.accounts.factories import UserFactory
from tests.e2e.pages import admin_enrol, screenshot, shop_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TOPIC = "Brewing pour-over coffee at home"


@pytest.fixture
def shop_with_blog(settings):
    settings.OPENAI_API_KEY = ""  # the offline writer, whatever this machine's environment says
    demo_catalogue_seed()
    demo_posts_seed()


def admin_log_in(page: Page) -> None:
    staff = UserFactory.create(email="staff@example.com", is_staff=True, is_superuser=True)
    admin_enrol(page, staff.email)  # password, then two factors (tests/e2e/test_accounts.py)
    screenshot(page, "admin")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_staff_add_a_product_and_publish_an_ai_draft_which_shoppers_then_see(
    page, device, shop_with_blog
):
    admin_log_in(page)

    page.get_by_role("row", name="Products").get_by_role("link", name="Add").click()
    # Both languages, one under the other. The admin's own script fills the slug from the
    # Ukrainian (default) name, in Latin letters, once it changes.
    page.get_by_label("Name [uk]:", exact=True).fill("Гейзерна кавоварка на 6 чашок")
    page.get_by_label("Name [en]:", exact=True).fill("Moka Pot 6 Cup")
    expect(page.get_by_label("Slug:", exact=True)).to_have_value("gejzerna-kavovarka-na-6-chashok")
    page.get_by_label("SKU:", exact=True).fill("COF-900")
    page.get_by_label("Category:", exact=True).select_option(label="Coffee & Tea")
    page.get_by_label("Price:", exact=True).fill("34.50")
    page.get_by_label("Stock:", exact=True).fill("7")
    page.get_by_label("Short description [en]:", exact=True).fill(
        "Stovetop espresso, six small cups."
    )
    screenshot(page, "admin-product-add")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto("/category/coffee-tea/")
    expect(page.get_by_role("heading", name="Moka Pot 6 Cup")).to_be_visible()
    page.get_by_role("heading", name="Moka Pot 6 Cup").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moka Pot 6 Cup")
    expect(page.locator(".product-price")).to_contain_text("₴34.50")

    page.goto("/admin/blog/post/")
    page.get_by_role("link", name="Write a draft with AI").click()
    expect(page.get_by_text("No OpenAI key is configured")).to_be_visible()
    page.get_by_label("Topic:", exact=True).fill(TOPIC)
    page.get_by_label("Keywords:", exact=True).fill("coffee, pour-over")
    page.get_by_label("Tone:", exact=True).select_option(label="Practical")
    page.get_by_label("Length:", exact=True).select_option(label="Short (about 400 words)")
    screenshot(page, "admin-write-with-ai")
    page.get_by_role("button", name="Write the draft").click()

    title = f"{TOPIC} (template draft, written offline)"
    expect(page.locator(".messagelist")).to_contain_text(f"The draft “{title}” is ready.")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_label("Title [en]:", exact=True)).to_have_value(title)
    expect(page.get_by_label("Status:", exact=True)).to_have_value("draft")
    page.goto("/blog/")
    expect(page.get_by_role("heading", name="The SmartShop AI blog")).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_have_count(0)  # a draft is not public

    page.go_back()
    page.get_by_label("Status:", exact=True).select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto("/blog/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    shop_page(page, "blog-list")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Drafted with the help of AI")).to_be_visible()
    expect(page.get_by_test_id("post-body")).to_contain_text("Template draft, written offline")
    expect(page.get_by_test_id("post-body").get_by_role("link").first).to_be_visible()
    shop_page(page, "blog-post")


def test_the_order_list_fits_1280_pixels_and_the_dashboard_says_what_to_do(page, shop_with_blog):
    """Before: the total was beyond the right edge, "cod" and "pickup" were shown as such."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from tests.shop.factories import OrderFactory

    for n, (name, email, method, shipping) in enumerate(
        [
            (
                "Oleksandra Kovalenko-Shevchenko",
                "oleksandra.kovalenko.shevchenko@example.com",
                "cod",
                "pickup",
            ),
            ("Taras Melnyk", "taras@example.com", "demo", "express"),
            ("Olena Petrenko", "olena.petrenko@example.com", "demo", "standard"),
        ]
    ):
        OrderFactory.create(
            full_name=name,
            email=email,
            payment_method=method,
            status="placed" if method == "cod" else "pending_payment",
            shipping_method=shipping,
            subtotal=Decimal("12345.67"),
            created_at=timezone.now() - timedelta(hours=n),
        )
    admin_log_in(page)
    page.get_by_role("link", name=re.compile("^Shop dashboard")).click()
    # The card orders wait for their payment; the cash one waits for staff to confirm it.
    expect(page.get_by_test_id("dashboard-pending")).to_contain_text(
        "Waiting for the shopper's card payment: 2"
    )
    expect(page.get_by_test_id("dashboard-to-confirm")).to_contain_text("Cash orders to confirm: 1")
    expect(page.get_by_test_id("dashboard-low-stock")).to_contain_text("Glass Teapot with Infuser")
    screenshot(page, "admin-dashboard")

    page.goto("/admin/shop/order/")
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [h.strip().upper() for h in headers if h.strip()] == [
        "NUMBER",
        "PLACED",
        "CUSTOMER",
        "STATUS",
        "TOTAL",
    ]
    widths = page.evaluate(
        """() => ({page: document.documentElement.scrollWidth,
                   results: document.querySelector('.results').scrollWidth,
                   visible: document.querySelector('.results').clientWidth})"""
    )
    assert widths["page"] <= 1280 and widths["results"] <= widths["visible"], widths
    total = page.locator("#result_list td.field-total_amount").first
    expect(total).to_contain_text("₴12,444.67")  # + 99.00 standard delivery
    expect(total).to_be_in_viewport(ratio=1)
    filters = page.locator("#changelist-filter")
    expect(filters).to_contain_text("Cash on delivery")
    expect(filters).to_contain_text("Pick up at our store")
    expect(page.locator("#result_list")).not_to_contain_text("cod")
    screenshot(page, "admin-orders")
