"""Information pages whose text staff edit in the admin, in every language
(`pages.translation`). One row per kind of page; the URL names the kind, never the row."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from blog.rendering import markdown_render


class LegalPageKind(models.TextChoices):
    OFFER = "offer", _("Public offer (terms of sale)")
    RETURNS = "returns", _("Returns and exchanges")
    DELIVERY = "delivery-and-payment", _("Delivery and payment")
    PRIVACY = "privacy", _("Privacy policy")


class LegalPage(models.Model):
    """A page's Markdown is staff's text; `{return_days}` in it is replaced by
    settings.SHOP_RETURN_DAYS when shown, so the number is written in one place only. Its HTML
    is rendered and sanitised (blog.rendering: Markdown + nh3) once, on save."""

    kind = models.CharField(_("page"), max_length=32, choices=LegalPageKind, unique=True)
    title = models.CharField(_("title"), max_length=120)
    body_markdown = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(_("text (HTML)"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    if TYPE_CHECKING:
        # One column per language of settings.LANGUAGES for each field
        # LegalPageTranslationOptions names, added by django-modeltranslation at start-up:
        # declared for type checkers only.
        title_uk: str | None
        title_en: str | None
        body_markdown_uk: str | None
        body_markdown_en: str | None
        body_html_uk: str | None
        body_html_en: str | None

    class Meta:
        ordering = ["kind"]
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        for code, _name in settings.LANGUAGES:
            markdown = getattr(self, build_localized_fieldname("body_markdown", code))
            html_field = build_localized_fieldname("body_html", code)
            setattr(self, html_field, markdown_render(markdown) if markdown else "")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pages:legal", kwargs={"kind": self.kind})
