"""Staff edit catalogue and blog text in both languages side by side in the admin: each
translated field once per language, one under the other, searchable in either language."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from blog.models import Post
from shop.models import Category, Product
from tests.blog.factories import PostFactory
from tests.shop.factories import CategoryFactory, ProductFactory
from tests.support.translated import en, uk

pytestmark = pytest.mark.django_db


def labels(html: str) -> list[str]:
    return re.findall(r'<label[^>]*for="id_[^"]+"[^>]*>([^<]+)</label>', html)


def test_the_product_form_has_every_text_field_in_both_languages(staff_client, product):
    page = staff_client.get(reverse("admin:shop_product_change", args=[product.pk])).text
    found = labels(page)
    for field in ("Name", "Short description", "Description"):
        assert f"{field} [uk]:" in found and f"{field} [en]:" in found, field
        # Side by side: Ukrainian then English, together.
        assert found.index(f"{field} [en]:") == found.index(f"{field} [uk]:") + 1
    assert "Name:" not in found  # the plain, untranslated field is not offered


def test_staff_add_a_product_in_both_languages(staff_client, category):
    page = staff_client.get(reverse("admin:shop_product_add")).text
    # The slug is filled in from the Ukrainian (default) name as staff type it (Django's
    # prepopulate, which writes Cyrillic in Latin letters).
    [fields] = re.findall(r'data-prepopulated-fields="([^"]*)"', page)
    [slug] = json.loads(unescape(fields))
    assert (slug["id"], slug["dependency_ids"]) == ("#id_slug", ["#id_name_uk"])
    response = staff_client.post(
        reverse("admin:shop_product_add"),
        {
            "name_uk": "Гейзерна кавоварка",
            "name_en": "Moka Pot",
            "slug": "moka-pot",
            "sku": "COF-900",
            "category": category.pk,
            "is_active": "on",
            "price": "34.50",
            "stock": "7",
            "short_description_uk": "Еспресо на плиті.",
            "short_description_en": "Stovetop espresso.",
            "description_uk": "Шість маленьких чашок.",
            "description_en": "Six small cups.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    product = Product.objects.get(sku="COF-900")
    assert (uk(product, "name"), en(product, "name")) == ("Гейзерна кавоварка", "Moka Pot")
    assert (uk(product, "description"), en(product, "description")) == (
        "Шість маленьких чашок.",
        "Six small cups.",
    )


def test_a_name_in_either_language_is_enough_and_none_is_refused(staff_client, category):
    """A product (or an AI draft) written in one language can be saved and saved again; the
    other language shows it to shoppers until someone translates it."""
    data = {"slug": "kettle", "category": category.pk, "price": "20.00", "stock": "1"}
    url = reverse("admin:shop_product_add")
    response = staff_client.post(url, data | {"sku": "COF-900"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"name_uk", "name_en"}
    assert errors["name_uk"] == ["Fill this in in at least one language."]
    response = staff_client.post(url, data | {"sku": "COF-901", "name_en": "Kettle"})
    assert response.status_code == 302
    assert uk(Product.objects.get(sku="COF-901"), "name") is None
    data["slug"] = "kettle-2"
    response = staff_client.post(url, data | {"sku": "COF-902", "name_uk": "Чайник"})
    assert response.status_code == 302
    assert en(Product.objects.get(sku="COF-902"), "name") is None


def test_staff_find_products_by_name_in_either_language(staff_client, category):
    ProductFactory.create(
        category=category, name_uk="Чавунна сковорода", name_en="Cast iron skillet"
    )
    ProductFactory.create(category=category, name_uk="Кухарський ніж", name_en="Chef's knife")
    url = reverse("admin:shop_product_changelist")

    def found(query: str) -> list[str]:
        return [p.name_en for p in staff_client.get(url, {"q": query}).context["cl"].result_list]

    assert found("сковорода") == ["Cast iron skillet"]
    assert found("knife") == ["Chef's knife"]


def test_categories_are_edited_and_found_in_both_languages(staff_client):
    category = CategoryFactory.create(name_uk="Кухня", name_en="Kitchen")
    page = staff_client.get(reverse("admin:shop_category_change", args=[category.pk])).text
    assert {"Name [uk]:", "Name [en]:", "Description [uk]:", "Description [en]:"} <= set(
        labels(page)
    )
    # (SQLite folds case in ASCII only, so the query keeps the capital.)
    listing = staff_client.get(reverse("admin:shop_category_changelist"), {"q": "Кухн"})
    assert list(listing.context["cl"].result_list) == [category]
    assert uk(Category.objects.get(), "name") == "Кухня"


def test_posts_are_edited_and_found_in_both_languages(staff_client):
    post = PostFactory.create(title_uk="Догляд за чавуном", title_en="Cast iron care")
    page = staff_client.get(reverse("admin:blog_post_change", args=[post.pk])).text
    found = labels(page)
    for field in ("Title", "Excerpt", "Body (Markdown)", "Meta title", "Meta description"):
        assert f"{field} [uk]:" in found and f"{field} [en]:" in found, field
    # The rendered HTML of each language is shown, read-only.
    assert "Body (HTML) [uk]" in page and "Body (HTML) [en]" in page
    listing = staff_client.get(reverse("admin:blog_post_changelist"), {"q": "чавуном"})
    assert list(listing.context["cl"].result_list) == [post]
    assert en(Post.objects.get(), "title") == "Cast iron care"
