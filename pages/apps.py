from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The shop's information pages (contacts, public offer, returns, delivery and payment,
    privacy: their texts edited by staff in both languages), the seller's legal details, and
    the site's 403 pages (a refused request, a stale CSRF token)."""

    name = "pages"
    verbose_name = _("Information pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pages import checks  # noqa: F401  (registers the deploy check)
