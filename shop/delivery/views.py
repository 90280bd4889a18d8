"""The checkout's Nova Poshta step: a city, then a branch or parcel locker of the chosen
method's kind. Works without JavaScript (GET forms for the searches, a POST for the choice);
np-picker.js makes it quicker with the two JSON look-ups below (read-only, rate-limited)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.http import client_ip
from core.ratelimit import RateLimit
from shop.checkout.session import POINT, CheckoutSession, PreconditionFailed
from shop.delivery import selectors
from shop.delivery.forms import PointForm
from shop.models import NovaPoshtaCity, NovaPoshtaWarehouse

LOOKUPS = RateLimit("novaposhta_lookup_client")
MAX_QUERY = 100


@require_http_methods(["GET", "POST"])
def checkout_np(request: HttpRequest) -> HttpResponse:
    checkout = CheckoutSession(request.session)
    try:
        checkout.check(POINT)
    except PreconditionFailed as failed:
        if failed.message:
            messages.info(request, failed.message)
        return redirect(failed.url_name)
    shipping = checkout.shipping_required()
    if not shipping.needs_point:
        return redirect("shop:checkout_review")
    chosen = checkout.point
    status = 200
    if request.method == "POST":
        form = PointForm(request.POST, kind=shipping.point_kind)
        if form.is_valid():
            checkout.point_save(form.cleaned_data["warehouse"].ref)
            return redirect("shop:checkout_review")
        city, status = form.chosen_city, 400
        query = ""
    else:
        query = request.GET.get("q", "")[:MAX_QUERY].strip()
        city_ref = request.GET.get("city", "") or (chosen.city_ref if chosen and not query else "")
        city = selectors.city_get(ref=city_ref)
        initial = {"warehouse": chosen.warehouse_ref} if chosen else {}
        form = PointForm(
            initial={**initial, "city": city.ref if city else ""},
            kind=shipping.point_kind,
            city=city,
            query=request.GET.get("wq", "")[:MAX_QUERY],
        )
    cities: list[NovaPoshtaCity] = (
        selectors.city_search(query=query) if query and city is None else []
    )
    context = {
        "shipping": shipping,
        "form": form,
        "city": city,
        "query": query,
        "cities": cities,
        "warehouse_query": request.GET.get("wq", "")[:MAX_QUERY],
    }
    return render(request, "shop/checkout_np.html", context, status=status)


def _limited(request: HttpRequest) -> None:
    LOOKUPS.consume(client_ip(request))


def _city_json(city: NovaPoshtaCity) -> dict[str, str]:
    return {"ref": city.ref, "name": city.name, "area": city.area, "label": str(city)}


def _warehouse_json(warehouse: NovaPoshtaWarehouse) -> dict[str, object]:
    return {
        "ref": warehouse.ref,
        "number": warehouse.number,
        "kind": warehouse.kind,
        "address": warehouse.description,
    }


@require_GET
def np_cities(request: HttpRequest) -> JsonResponse:
    """`?q=Ки`: up to 20 cities whose name starts so."""
    _limited(request)
    query = request.GET.get("q", "")[:MAX_QUERY]
    cities = selectors.city_search(query=query)
    return JsonResponse({"cities": [_city_json(c) for c in cities]})


@require_GET
def np_warehouses(request: HttpRequest) -> JsonResponse:
    """`?city=<ref>&kind=branch&q=12`: the city's working warehouses (of `kind`), by number
    or address words. An unknown city is a 404."""
    _limited(request)
    city = selectors.city_get(ref=request.GET.get("city", ""))
    if city is None:
        return JsonResponse({"error": "unknown city"}, status=404)
    kind = request.GET.get("kind", "")
    warehouses = selectors.warehouse_search(
        city_ref=city.ref,
        kind=kind if kind in ("branch", "locker") else None,
        query=request.GET.get("q", "")[:MAX_QUERY],
    )
    return JsonResponse({"warehouses": [_warehouse_json(w) for w in warehouses]})
