"""The page a shopper is on, in every language: for the header's language switch and the
hreflang alternates (templates/_language_switch.html, templates/_alternates.html)."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, ResolverMatch, reverse
from django.utils import translation

from core.seo import canonical_query
from core.site import site_url

register = template.Library()

# What the switch shows on a phone, where a full name does not fit the header's first row: each
# language abbreviated in its own script, as shoppers there write it. Others: the code.
ABBREVIATIONS = {"uk": "УКР", "en": "EN"}


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: "Українська", "English"
    short: str  # the same, abbreviated: "УКР", "EN"
    path: str  # the page in this language, without the query string
    next: str  # the same with the query string: where the switch goes
    url: str  # absolute, with the canonical URL's query (`core.seo`): the hreflang alternate
    current: bool
    default: bool  # settings.LANGUAGE_CODE's: also the x-default alternate


@register.simple_tag(takes_context=True)
def language_versions(context: template.Context) -> list[LanguageVersion]:
    """The current page in each language of settings.LANGUAGES; empty where the page has no
    language versions (an error page, the admin). Worked out once per request."""
    request: HttpRequest | None = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return []
    cached = getattr(request, "_language_versions", None)
    if cached is None:
        cached = request._language_versions = _versions(request)  # type: ignore[attr-defined]
    return cached


def _versions(request: HttpRequest) -> list[LanguageVersion]:
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    match = request.resolver_match
    if match is None:
        return []
    paths = {code: _path_in(code, match, request.path) for code, _name in settings.LANGUAGES}
    if len(set(paths.values())) < len(paths):
        return []  # one URL for every language: not a page of the shop (the admin, say)
    return [
        LanguageVersion(
            code=code,
            name=name,
            short=ABBREVIATIONS.get(code, code.upper()),
            path=paths[code],
            next=paths[code] + (f"?{query}" if query else ""),
            url=site_url(request) + paths[code] + canonical_query(request),
            current=code == current,
            default=code == settings.LANGUAGE_CODE,
        )
        for code, name in settings.LANGUAGES
    ]


def _path_in(language: str, match: ResolverMatch, path: str) -> str:
    """What django.urls.translate_url does, from the request's own match (it resolves the path
    again for every language: a third of this tag's time)."""
    with translation.override(language):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
