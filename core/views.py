from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseForbidden
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from django.views.static import serve

from core.http import is_cross_site


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
    personal, and the catalogue's whole-page cache (shop/selectors.py) could not share its
    pages. Browsers say where a form came from (Sec-Fetch-Site, else Origin); one posted
    from another site is refused (403). A client that sends neither (an old browser, a script)
    can only change its own language."""
    if is_cross_site(request):
        return HttpResponseForbidden("The language can only be changed from this site.")
    return set_language(request)
