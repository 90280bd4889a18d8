from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import QuerySet


class _TranslatedPairs:
    """(item, language) pairs of a queryset, as Django's i18n sitemaps page them, fetched a
    page at a time: Django builds the whole list first, every product of the shop in memory
    for each page of the sitemap."""

    def __init__(self, queryset: QuerySet, languages: list[str]):
        self.queryset, self.languages = queryset, languages

    def __len__(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, index: slice) -> list:
        n = len(self.languages)
        start, stop = index.start or 0, index.stop
        first, last = start // n, -(-stop // n)
        pairs = [(item, code) for item in self.queryset[first:last] for code in self.languages]
        return pairs[start - first * n : stop - first * n]


class TranslatedSitemap(Sitemap):
    """A sitemap section listing each page once per language (settings.LANGUAGES), each entry
    with its hreflang alternates and the x-default (LANGUAGE_CODE's page), as the pages' own
    <link rel="alternate"> tags say (templates/_alternates.html).

    A section whose items() is a queryset is read one page at a time (`limit` URLs, the
    sitemap protocol's 50,000 at most), so its memory and time do not grow with the table."""

    i18n = True
    alternates = True
    x_default = True

    @property
    def paginator(self) -> Paginator:
        items = self.items()
        if (
            isinstance(items, QuerySet)
            and type(self).get_languages_for_item is Sitemap.get_languages_for_item
        ):
            pairs = _TranslatedPairs(items, self._languages())  # type: ignore[attr-defined]
            return Paginator(pairs, self.limit)  # type: ignore[arg-type]
        return super().paginator
