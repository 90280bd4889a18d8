from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = _("Shop")
    # `manage.py seed_demo`: the demo catalogue.
    demo_module = "shop.catalogue.demo"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from shop import checks, signals  # noqa: F401 — system checks; catalogue revision
        from shop.catalogue.search.sqlite import search_words_register
        from shop.monitoring import monitoring_register

        monitoring_register()
        # Search on SQLite folds Cyrillic case with an SQL function of its own.
        connection_created.connect(search_words_register, dispatch_uid="shop-search-words")
