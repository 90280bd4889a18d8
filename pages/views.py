from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from pages.selectors import legal_page_get
from pages.seller import seller

RETURN_DAYS = "{return_days}"


def legal_page(request: HttpRequest, kind: str) -> HttpResponse:
    """An information page in the request's language (the other one if not translated)."""
    page = legal_page_get(kind=kind)
    if page is None:
        raise Http404("No such page.")
    days = settings.SHOP_RETURN_DAYS
    period = ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
    # Sanitised on save (LegalPage.save); only the period, our own text, is put in here.
    body = mark_safe(page.body_html.replace(RETURN_DAYS, period))  # noqa: S308
    context = {"page": page, "body": body, "seller": seller()}
    return render(request, "pages/legal_page.html", context)


def contacts(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/contacts.html", {"seller": seller()})
