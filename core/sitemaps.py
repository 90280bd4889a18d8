from django.contrib.sitemaps import Sitemap


class TranslatedSitemap(Sitemap):
    """A sitemap section listing each page once per language (settings.LANGUAGES), each entry
    with its hreflang alternates and the x-default (LANGUAGE_CODE's page), as the pages' own
    <link rel="alternate"> tags say (templates/_alternates.html)."""

    i18n = True
    alternates = True
    x_default = True
