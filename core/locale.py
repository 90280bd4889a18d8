"""Which language a request is served in, and the one redirect a first visit may get.

The shop's pages live in `i18n_patterns(prefix_default_language=False)` (smartshop/urls.py):
Ukrainian, the default, at the URLs the shop always had (`/cart/`), English under `/en/`
(`/en/cart/`). Everything else (the admin, /sitemap.xml, the language switch, media, payment
webhooks) has one unprefixed URL. `LanguageMiddleware` replaces Django's LocaleMiddleware:

- A prefixed page (`/en/…`) is in its prefix's language, always: a URL names one language.
- An unprefixed page is Ukrainian. A visitor who prefers another language gets one redirect
  (302) to the same page in it: preferred means the language cookie that the switcher sets
  (a remembered choice wins), or else the browser's Accept-Language. Only for GET and HEAD,
  never for crawlers (they index each language at its own URL through the hreflang links;
  one that sends `Accept-Language: en` must still see the Ukrainian page), and only to a
  prefixed URL, which is never redirected: no loop. These responses vary with
  Accept-Language and Cookie, and say so.
- `/uk/…`, the default language's prefix, redirects permanently to the unprefixed page.
- Everything outside the pages (the admin above all) follows the visitor's preference, as
  Django's LocaleMiddleware does without i18n_patterns: staff read the admin in the language
  they chose on the shop (the cookie) or their browser's, else Ukrainian.
"""

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase, HttpResponseRedirectBase
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

SAFE_METHODS = ("GET", "HEAD")
# Search engines, link previews and other robots: never redirected by language.
ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|lighthouse", re.I)


class LanguageRedirect(HttpResponseRedirectBase):
    """302 to the visitor's language's page; varies with what chose it."""

    status_code = 302


def preferred_language(request: HttpRequest) -> str:
    """The visitor's language: the switcher's cookie, else the browser's Accept-Language,
    else the default (settings.LANGUAGE_CODE)."""
    return translation.get_language_from_request(request, check_path=False)


def is_robot(request: HttpRequest) -> bool:
    return bool(ROBOTS.search(request.headers.get("User-Agent", "")))


def page_in(path: str, language: str, urlconf: str | None = None) -> str | None:
    """The unprefixed page `path` in `language`, a language with a prefix (`/cart/` →
    `/en/cart/`), or None when `path` is no page of the shop (the admin, the sitemap, a 404)."""
    prefixed = f"/{language}{path}"
    with translation.override(language):
        try:
            resolve(prefixed, urlconf)
        except Resolver404:
            return None
    return prefixed


class LanguageMiddleware(MiddlewareMixin):
    """In place of django.middleware.locale.LocaleMiddleware (same position: after sessions,
    before CommonMiddleware); see the module docstring."""

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        urlconf = getattr(request, "urlconf", None)
        path_language = translation.get_language_from_path(request.path_info)
        if path_language:
            language = path_language
        else:
            preferred = preferred_language(request)
            language = preferred
            if preferred != settings.LANGUAGE_CODE:
                page = page_in(request.path_info, preferred, urlconf)
                if page is not None:  # an unprefixed page: Ukrainian, or a redirect
                    language = settings.LANGUAGE_CODE
                    if request.method in SAFE_METHODS and not is_robot(request):
                        return self._redirect(request, page)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def _redirect(self, request: HttpRequest, page: str) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        target = get_script_prefix().rstrip("/") + page + (f"?{query}" if query else "")
        response = LanguageRedirect(target)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        path_language = translation.get_language_from_path(request.path_info)
        if response.status_code == 404 and path_language == settings.LANGUAGE_CODE:
            # /uk/cart/ → /cart/: the default language has no prefix of its own.
            unprefixed = request.path_info[len(path_language) + 1 :]
            prefixed = next(c for c, _name in settings.LANGUAGES if c != path_language)
            if page_in(unprefixed, prefixed, getattr(request, "urlconf", None)):
                query = request.META.get("QUERY_STRING", "")
                target = get_script_prefix().rstrip("/") + unprefixed
                return HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))
        if not path_language:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
