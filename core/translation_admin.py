"""The admin of content in several languages (django-modeltranslation): one rule for every
translated model (shop: categories and products; blog: posts)."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname

ONE_LANGUAGE_AT_LEAST = _("Fill this in in at least one language.")


class AnyLanguageAdmin(TranslationAdmin):
    """Each language's field one under the other (`name [uk]`, `name [en]`); a text the model
    requires is required in one language at least, whichever. modeltranslation would require
    the default language's (Ukrainian): an English-only AI draft, or a product a staff member
    wrote in English, could then not be saved again until someone translated it. An empty
    language shows the other one to shoppers (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

    def get_form(
        self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        groups = []
        for name in self.trans_opts.all_fields:
            columns = [build_localized_fieldname(name, code) for code, _n in settings.LANGUAGES]
            columns = [c for c in columns if c in form.base_fields]
            if any(form.base_fields[c].required for c in columns):
                groups.append(columns)
        if not groups:
            return form
        return type(form.__name__, (AnyLanguageFormMixin, form), {"language_groups": groups})


class AnyLanguageFormMixin(forms.ModelForm):
    language_groups: list[list[str]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for columns in self.language_groups:
            for column in columns:
                self.fields[column].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for columns in self.language_groups:
            if not any(cleaned.get(column) for column in columns):
                for column in columns:
                    if column not in self.errors:
                        self.add_error(column, ONE_LANGUAGE_AT_LEAST)
        return cleaned
