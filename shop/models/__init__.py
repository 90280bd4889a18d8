from shop.models.catalogue import Category, Product

__all__ = ["Category", "Product"]
