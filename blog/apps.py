from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        from monitoring.api import urls_register

        # Topic and keywords of an AI draft become part of the prompt: never sent.
        urls_register(private_forms=["admin:blog_post_write_with_ai"])
