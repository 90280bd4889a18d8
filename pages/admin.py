from django.contrib import admin
from django.http import HttpRequest

from core.translation_admin import AnyLanguageAdmin
from pages.models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(AnyLanguageAdmin):
    """Staff edit each page's text in both languages. The kinds are fixed (each has its URL
    and its link in the footer), so pages are neither added nor deleted here."""

    list_display = ("title", "kind", "updated_at")
    readonly_fields = ("kind", "updated_at")
    fields = ("kind", "title", "body_markdown", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: LegalPage | None = None) -> bool:
        return False
