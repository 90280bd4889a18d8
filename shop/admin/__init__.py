"""Shop admin: catalogue (categories, products) and orders."""

from shop.admin import catalogue, orders  # noqa: F401 — importing registers the ModelAdmins
