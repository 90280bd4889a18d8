"""Information pages in every language of settings.LANGUAGES (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from pages.models import LegalPage


@register(LegalPage)
class LegalPageTranslationOptions(TranslationOptions):
    fields = ("title", "body_markdown", "body_html")
