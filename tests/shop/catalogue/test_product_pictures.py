"""Every demo product shows its own picture (static/shop/img/products/<sku>.svg, built by
scripts/product_pictures.py), small, titled and licensed; staff uploads still come first."""

import re
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from shop.catalogue.demo_data import PRODUCTS
from shop.models import Product
from tests.shop.factories import ProductFactory

SVG = "{http://www.w3.org/2000/svg}"
PICTURE = re.compile(r'<img src="(/static/shop/img/products/[a-z]{3}-\d{3}\.svg)"')


def test_every_demo_product_has_its_own_small_titled_picture():
    contents = set()
    for demo in PRODUCTS:
        product = Product(sku=demo.sku)
        assert product.picture == f"shop/img/products/{demo.sku.lower()}.svg"
        found = finders.find(product.picture)
        assert isinstance(found, str), demo.sku
        data = Path(found).read_bytes()
        assert len(data) < 4096, demo.sku  # a few KB
        root = ElementTree.fromstring(data)  # noqa: S314 (our own file)
        assert root.get("viewBox") == "0 0 400 400"
        title = root.findtext(f"{SVG}title")
        assert title and demo.name.uk in title and demo.name.en in title
        contents.add(data)
    assert len(contents) == len(PRODUCTS)  # no two alike


def test_the_pictures_carry_their_sources_and_licences():
    found = finders.find("shop/img/products/LICENSES.md")
    assert isinstance(found, str)
    licences = Path(found).read_text()
    assert "MIT License" in licences and "ISC License" in licences
    for demo in PRODUCTS:
        assert f"- {demo.sku} {demo.picture}" in licences


@pytest.mark.django_db
def test_the_home_page_shows_many_different_product_pictures(client):
    call_command("seed_demo", stdout=StringIO())
    page = client.get("/").text
    pictures = set(PICTURE.findall(page))
    assert len(pictures) >= 8
    for url in pictures:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")


@pytest.mark.django_db
def test_an_uploaded_image_wins_over_the_bundled_picture(client):
    product = ProductFactory.create(sku="KIT-001", image="products/2026/11/skillet.jpg")
    page = client.get(product.get_absolute_url()).text
    assert '<img src="/media/products/2026/11/skillet.jpg"' in page
    assert "shop/img/products/" not in page


@pytest.mark.django_db
def test_a_product_without_a_bundled_picture_shows_its_categorys_placeholder(client):
    product = ProductFactory.create(sku="NEW-001")
    assert product.picture == product.placeholder_image
    assert f"/static/{product.placeholder_image}" in client.get(product.get_absolute_url()).text
