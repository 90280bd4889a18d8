"""The order list's dates to drill into (templates/admin/shop/order/change_list.html).

Django's date hierarchy lists the years (and a year's months) that have orders with
`SELECT DISTINCT date_trunc(...)` over every order: a second and more at a million orders.
Here the years and months come from the first and last order's date (MIN and MAX, two reads
of the created_at index), so a year or month without orders may be offered and show an empty
list. A month's days are still Django's own: a month's orders are few."""

from datetime import date

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.views.main import ChangeList
from django.db.models import Max, Min
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.inclusion_tag("admin/date_hierarchy.html")
def order_date_hierarchy(cl: ChangeList) -> dict | None:
    field = cl.date_hierarchy
    year_field, month_field = f"{field}__year", f"{field}__month"
    year = cl.params.get(year_field)
    if cl.params.get(month_field) or cl.params.get(f"{field}__day"):
        return date_hierarchy(cl)
    bounds = cl.queryset.aggregate(first=Min(field), last=Max(field))
    if not bounds["first"]:
        return {"show": False}
    first, last = (timezone.localtime(bounds[k]) for k in ("first", "last"))
    if (first.year, first.month) == (last.year, last.month):
        return date_hierarchy(cl)

    def link(filters: dict) -> str:
        return cl.get_query_string(filters, [f"{field}__"])

    if year or first.year == last.year:
        year = int(year or first.year)
        months = range(
            first.month if first.year == year else 1, (last.month if last.year == year else 12) + 1
        )
        return {
            "show": True,
            "back": {"link": link({}), "title": _("All dates")},
            "choices": [
                {
                    "link": link({year_field: year, month_field: month}),
                    "title": capfirst(
                        formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")
                    ),
                }
                for month in months
            ],
        }
    return {
        "show": True,
        "back": None,
        "choices": [
            {"link": link({year_field: str(y)}), "title": str(y)}
            for y in range(first.year, last.year + 1)
        ],
    }
