"""A translated field's column in one language: `uk(product, "name")` is `product.name_uk`.
django-modeltranslation adds these columns at start-up, out of mypy's sight."""

from typing import Any

from django.db.models import Model


def uk(obj: Model, field: str) -> Any:
    return getattr(obj, f"{field}_uk")


def en(obj: Model, field: str) -> Any:
    return getattr(obj, f"{field}_en")
