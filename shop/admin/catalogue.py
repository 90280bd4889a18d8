from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from shop.models import Category, Product
from shop.models.catalogue import LOW_STOCK_THRESHOLD


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active", "product_count"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_product_count=Count("products"))

    @admin.display(description=_("products"), ordering="_product_count")
    def product_count(self, obj: Category) -> int:
        return obj._product_count


class StockStateFilter(admin.SimpleListFilter):
    title = _("stock")
    parameter_name = "stock_state"

    def lookups(self, request, model_admin):
        return [
            ("out", _("Out of stock")),
            ("low", _("Low (%(n)d or fewer)") % {"n": LOW_STOCK_THRESHOLD}),
            ("in", _("In stock")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "out":
                return queryset.filter(stock=0)
            case "low":
                return queryset.filter(stock__gt=0, stock__lte=LOW_STOCK_THRESHOLD)
            case "in":
                return queryset.filter(stock__gt=LOW_STOCK_THRESHOLD)
        return queryset


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "sku", "category", "price", "stock", "is_active", "updated_at"]
    list_editable = ["price", "stock", "is_active"]
    list_filter = ["category", "is_active", StockStateFilter]
    list_select_related = ["category"]
    search_fields = ["name", "sku"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sku", "category", "is_active"]}),
        (_("Price and stock"), {"fields": ["price", "compare_at_price", "stock"]}),
        (_("Content"), {"fields": ["short_description", "description", "image"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]
