from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Staff uploads from MEDIA_ROOT (when SERVE_MEDIA is on). A name the file system refuses
    (too long, say) is a file that does not exist: 404, not a 500 from the OSError."""
    try:
        return serve(request, path, document_root=str(settings.MEDIA_ROOT))
    except OSError:
        raise Http404("No such file.") from None
