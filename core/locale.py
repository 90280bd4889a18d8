"""Which language a request is served in, and the one redirect a first visit may get.

`LanguageMiddleware` replaces Django's LocaleMiddleware. Pages in `smartshop.urls`'
`i18n_patterns(prefix_default_language=False)`: a prefixed page (`/en/…`) is in its prefix's
language; an unprefixed one is Ukrainian whatever Accept-Language says, except that a visitor
whose language cookie names another language gets one 302 to the prefixed page (GET and HEAD,
never crawlers; a prefixed URL is never redirected, so no loop); `/uk/…` redirects permanently
to the unprefixed page. Everything else (the admin) follows the visitor's preference. The
rules and why: docs/languages.md, "Which language a page is in".
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
    else the default (settings.LANGUAGE_CODE). For what has no page per language (the admin)."""
    return translation.get_language_from_request(request, check_path=False)


def chosen_language(request: HttpRequest) -> str:
    """The language the visitor chose with the switcher (its cookie), else the default: the
    browser's Accept-Language never picks a shop page's language."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code in dict(settings.LANGUAGES):
        return code
    return settings.LANGUAGE_CODE


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
            chosen = chosen_language(request)
            page = None
            if chosen != settings.LANGUAGE_CODE:
                page = page_in(request.path_info, chosen, urlconf)
            if page is not None:  # an unprefixed page, another language chosen: a redirect
                language = settings.LANGUAGE_CODE
                if request.method in SAFE_METHODS and not is_robot(request):
                    return self._redirect(request, page)
            elif self._is_page(request.path_info, urlconf):
                language = settings.LANGUAGE_CODE
            else:  # no page of the shop (the admin): the visitor's preference
                language = preferred_language(request)
                request._language_follows_browser = True  # type: ignore[attr-defined]
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def _redirect(self, request: HttpRequest, page: str) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        target = get_script_prefix().rstrip("/") + page + (f"?{query}" if query else "")
        response = LanguageRedirect(target)
        patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def _is_page(path: str, urlconf: str | None) -> bool:
        """A shopper's page (in i18n_patterns), as opposed to the admin, the sitemap, …"""
        other = next(c for c, _name in settings.LANGUAGES if c != settings.LANGUAGE_CODE)
        return page_in(path, other, urlconf) is not None

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
            browser = getattr(request, "_language_follows_browser", False)
            patch_vary_headers(response, ("Accept-Language", "Cookie") if browser else ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
