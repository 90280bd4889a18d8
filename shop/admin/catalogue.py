from typing import TYPE_CHECKING, Any, TypedDict, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from core.translation_admin import AnyLanguageAdmin
from shop.admin.price_input import PriceField, ProductPriceConfirmForm
from shop.catalogue.services import product_stock_set
from shop.models import Category, Product
from shop.models.catalogue import LOW_STOCK_THRESHOLD

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations


class ProductCount(TypedDict):
    _product_count: int


STALE_STOCK = _(
    "The stock is %(now)d now: it changed while you were editing (an order was placed or "
    "cancelled). Check the number and save again."
)


# Translated fields (`shop.translation`) are edited one language under the other: `name [uk]`,
# `name [en]`. modeltranslation's tabbed variant needs jQuery UI from a CDN, which the
# Content-Security-Policy (and "no CDN") rules out; the plain form needs no script at all.
@admin.register(Category)
class CategoryAdmin(AnyLanguageAdmin):
    list_display = ["name", "slug", "position", "is_active", "product_count"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = get_translation_fields("name")
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Category]:
        return super().get_queryset(request).annotate(_product_count=Count("products"))

    @admin.display(description=_("products"), ordering="_product_count")
    def product_count(self, obj: "WithAnnotations[Category, ProductCount]") -> int:
        return obj._product_count


class StockStateFilter(admin.SimpleListFilter):
    title = _("stock")
    parameter_name = "stock_state"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, "StrOrPromise"]]:
        return [
            ("out", _("Out of stock")),
            ("low", _("Low (%(n)d or fewer)") % {"n": LOW_STOCK_THRESHOLD}),
            ("in", _("In stock")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Product]) -> QuerySet[Product]:
        match self.value():
            case "out":
                return queryset.filter(stock=0)
            case "low":
                return queryset.filter(stock__gt=0, stock__lte=LOW_STOCK_THRESHOLD)
            case "in":
                return queryset.filter(stock__gt=LOW_STOCK_THRESHOLD)
        return queryset


class ProductStockForm(ProductPriceConfirmForm):
    """Stock edits are checked against the stock the page showed. The stock field carries it
    in a hidden "initial-…stock" input (show_hidden_initial, see ProductAdmin); a save whose
    stock no longer matches the database is refused, never written over a checkout's sale."""

    def stock_loaded(self) -> int | None:
        field = self.fields["stock"]
        name = self.add_initial_prefix("stock")
        try:
            hidden = field.hidden_widget().value_from_datadict(self.data, self.files, name)
            return field.to_python(hidden)
        except ValidationError:
            return None

    def clean_stock(self) -> int:
        stock = self.cleaned_data["stock"]
        if self.instance.pk is None or "stock" not in self.changed_data:
            return stock
        now = Product.objects.filter(pk=self.instance.pk).values_list("stock", flat=True).first()
        if now != self.stock_loaded():
            # Show the current number; saving again compares against it.
            data = cast(QueryDict, self.data).copy()
            data[self.add_initial_prefix("stock")] = "" if now is None else str(now)
            self.data = data
            raise ValidationError(STALE_STOCK % {"now": now or 0}, code="stale")
        return stock


@admin.register(Product)
class ProductAdmin(AnyLanguageAdmin):
    form = ProductStockForm
    list_display = ["name", "sku", "category", "price", "stock", "is_active", "updated_at"]
    list_editable = ["price", "stock", "is_active"]
    list_filter = ["category", "is_active", StockStateFilter]
    list_select_related = ["category"]
    # Both languages: a plain "name" would search only the admin's current language.
    search_fields = [*get_translation_fields("name"), "sku"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sku", "category", "is_active"]}),
        (_("Price and stock"), {"fields": ["price", "confirm_price", "compare_at_price", "stock"]}),
        (_("Content"), {"fields": ["short_description", "description", "image"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "stock":
            kwargs["show_hidden_initial"] = True  # the stock the page showed, for the check
        if db_field.name in ("price", "compare_at_price"):
            kwargs["form_class"] = PriceField  # text, read in the admin's language
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> type[forms.ModelForm]:
        return super().get_changelist_form(request, form=ProductStockForm, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: Product, form: ProductStockForm, change: bool
    ) -> None:
        if not change or "stock" not in form.fields:
            return super().save_model(request, obj, form, change)
        # Everything but the stock as usual; the stock only by a conditional update, so a
        # value read before a checkout's decrement is never written back.
        fields = [f.name for f in obj._meta.concrete_fields if not f.primary_key]
        obj.save(update_fields=[f for f in fields if f != "stock"])
        expected = form.stock_loaded()  # None: the page's stock is unknown, nothing written
        if "stock" in form.changed_data and (
            expected is None
            or not product_stock_set(product_id=obj.pk, stock=obj.stock, expected=expected)
        ):
            current = Product.objects.filter(pk=obj.pk).values_list("stock", flat=True).get()
            messages.error(request, STALE_STOCK % {"now": current})
        return None
