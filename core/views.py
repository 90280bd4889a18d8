from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from django.views.static import serve

from core.http import request_site


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Staff uploads from MEDIA_ROOT (when SERVE_MEDIA is on). A name the file system refuses
    (too long, say) is a file that does not exist: 404, not a 500 from the OSError."""
    try:
        return serve(request, path, document_root=str(settings.MEDIA_ROOT))
    except OSError:
        raise Http404("No such file.") from None


@csrf_exempt  # no token: see the docstring
@require_POST
def language_set(request: HttpRequest) -> HttpResponseBase:
    """Django's `set_language` (the header's language switch: POST `language` and `next`,
    the same page in that language; it remembers the choice in the language cookie and only
    follows a `next` on this site), guarded against cross-site forms by the browser's own
    word instead of a CSRF token: a token in the header of every page would make every page
    personal, and the catalogue's whole-page cache (shop/catalogue/selectors.py) could not share its
    pages. Browsers say where a form came from (core.http.request_site: Sec-Fetch-Site, else
    Origin, else Referer); one posted from another site is refused (403). So is a POST that
    says nothing at all: every browser in use sends Origin on a POST, so only a script or a
    browser too old to protect its user sends none, and a switch that cannot be told apart
    from a forged one is refused rather than trusted (the shopper loses nothing: the button
    on our own pages always works)."""
    if request_site(request) != "same":
        return render(request, "core/cross_site.html", status=403)
    return set_language(request)
