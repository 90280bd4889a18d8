"""/robots.txt: where crawlers need not go, and where the site map is.

Shopping state and accounts are nobody's search result: the cart, checkout, orders (and their
signed links), payment pages, accounts, the admin and monitoring. Search result pages stay
crawlable but carry `noindex` (`core.seo`): a crawler must fetch a page to see that. Paths
come from the URLconf, so a moved section stays covered, in every language (`/cart/` and
`/en/cart/`). The file is one file: the same bytes whatever the visitor's language, cookie or
Accept-Language (nothing here reads the request's language)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils import translation

from core.decorators import read_only
from core.site import absolute_url

# A named URL in each section to keep out; its first path segment is disallowed.
PRIVATE_SECTIONS = [
    ("shop:cart", ()),
    ("shop:checkout", ()),
    ("shop:order_list", ()),
    ("shop:demo_gateway", ("x",)),
    ("accounts:login", ()),
    ("admin:index", ()),
    ("sentry_debug", ()),
]


def _section(name: str, args: tuple[str, ...], language: str) -> str:
    """ "/accounts/" for accounts:login in Ukrainian, "/en/accounts/" in English: the named
    URL's first segment, after the language's prefix when it has one."""
    with translation.override(language):
        path = reverse(name, args=args)
    prefix = get_script_prefix()
    segments = path.removeprefix(prefix).split("/")
    keep = 2 if segments[0] == language and len(segments) > 2 else 1
    return prefix + "/".join(segments[:keep]) + "/"


def robots_txt_lines(request: HttpRequest) -> list[str]:
    sections = dict.fromkeys(
        _section(name, args, language)
        for language, _label in settings.LANGUAGES
        for name, args in PRIVATE_SECTIONS
    )
    return [
        "User-agent: *",
        *(f"Disallow: {path}" for path in sections),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]


@read_only
def robots_txt(request: HttpRequest) -> HttpResponse:
    body = "\n".join(robots_txt_lines(request)) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
