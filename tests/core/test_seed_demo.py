from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from shop.models import Category, Product

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_builds_a_small_shop_and_is_idempotent(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_EMAIL", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    first = seed()
    assert Category.objects.count() == 6
    assert Product.objects.count() == 40
    assert "Products: 40/40" in first  # progress is shown
    assert "with password:" in first
    password = first.split("with password: ")[1].split()[0]
    admin = get_user_model().objects.get()
    assert admin.is_staff and admin.is_superuser
    client = Client()
    assert client.login(email=admin.email, password=password)

    second = seed()
    assert Category.objects.count() == 6
    assert Product.objects.count() == 40
    assert get_user_model().objects.count() == 1
    assert "with password:" not in second  # printed once, never again
    assert "already exists" in second


def test_seed_demo_keeps_staff_changes(monkeypatch):
    seed()
    Product.objects.filter(sku="KIT-001").update(stock=1)
    seed()
    assert Product.objects.get(sku="KIT-001").stock == 1


def test_seed_demo_takes_superuser_credentials_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Owner@Shop.Example")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "an-owner-chosen-passphrase")
    output = seed()
    assert "an-owner-chosen-passphrase" not in output
    assert Client().login(email="owner@shop.example", password="an-owner-chosen-passphrase")


def test_the_demo_shop_serves_its_catalogue(client):
    seed()
    response = client.get("/")
    assert response.status_code == 200
    # Sold-out products stay listed, marked as such.
    assert "40 products" in response.text
    assert "Out of stock" in client.get("/", {"q": "teapot"}).text
