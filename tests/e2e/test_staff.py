"""Staff in real Chromium: the Django admin's forms and scripts, and what shoppers then see.
Django's admin is screenshotted but not held to the shop's phone layout rules."""

import re

import pytest
from playwright.sync_api import Page, expect

from blog.demo import demo_posts_seed
from shop.demo import demo_catalogue_seed
from tests.accounts.factories import PASSWORD, UserFactory
from tests.e2e.pages import screenshot, shop_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TOPIC = "Brewing pour-over coffee at home"


@pytest.fixture
def shop_with_blog(settings):
    settings.OPENAI_API_KEY = ""  # the offline writer, whatever this machine's environment says
    demo_catalogue_seed()
    demo_posts_seed()


def admin_log_in(page: Page) -> None:
    staff = UserFactory.create(email="staff@example.com", is_staff=True, is_superuser=True)
    page.goto("/admin/")
    page.get_by_label(re.compile("mail", re.IGNORECASE)).fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
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
