"""What search engines and link previews read about a page: its canonical URL and its Open
Graph data. Rendered by one partial (templates/partials/seo.html), the place to add anything
else every page declares (hreflang alternates, say).

Canonical URLs are absolute, on this site's address (`core.site.site_url`), and keep one query
parameter: `page` (from 2), since each page of a listing shows other products or posts. Sorting
(`sort`) shows the same products in another order, so sorted pages point to the unsorted one;
search results (`q`) are not canonical at all but `noindex` (the view says so); anything else
(tracking parameters, say) is dropped.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.functional import Promise

from core.site import absolute_url, site_url

# The picture link previews show when a page has none of its own: 1200×630, PNG (previews do
# not take SVG).
DEFAULT_IMAGE = "img/og-default.png"


def canonical_url(request: HttpRequest) -> str:
    return site_url(request) + request.path + canonical_query(request)


def canonical_query(request: HttpRequest) -> str:
    """The part of the query string a canonical URL keeps (its hreflang alternates too)."""
    page = request.GET.get("page", "")
    number = int(page) if page.isascii() and page.isdigit() and len(page) < 10 else 1
    return f"?page={number}" if number > 1 else ""


@dataclass(frozen=True)
class OpenGraph:
    title: str | Promise
    description: str | Promise
    image: str  # absolute URL
    type: str = "website"


def open_graph(
    request: HttpRequest,
    *,
    title: str | Promise,
    description: str | Promise,
    image: str = "",
    type: str = "website",
) -> OpenGraph:
    """Open Graph data for a page; `image` a site path (a media or static URL), or none for
    the default picture. og:url is the canonical URL."""
    return OpenGraph(
        title=title,
        description=description,
        image=absolute_url(image or static(DEFAULT_IMAGE), request),
        type=type,
    )
