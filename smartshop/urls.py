from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from core import views as core_views
from core.decorators import read_only
from monitoring import views as monitoring_views
from smartshop.robots import robots_txt
from smartshop.sitemaps import SITEMAPS

admin.site.site_header = _("SmartShop AI administration")
admin.site.site_title = _("SmartShop AI admin")

handler500 = "monitoring.views.server_error"
handler403 = "pages.errors.forbidden"

# /healthz has no route: monitoring.healthcheck.HealthCheckMiddleware, first in MIDDLEWARE,
# answers it before Host validation and the HTTPS redirect.
# One URL each, whatever the language: endpoints that are no shopper's page. The admin is in
# the staff member's language (`core.locale`).
urlpatterns = [
    # Superusers only (404 for everyone else): proves an error reaches Sentry, end to end.
    path("_monitoring/sentry-error/", monitoring_views.sentry_debug, name="sentry_debug"),
    # The 500 page's "What were you doing?" (POST), and browsers' envelopes when SENTRY_TUNNEL
    # is on (docs/monitoring.md).
    path("_monitoring/feedback/", monitoring_views.feedback, name="monitoring_feedback"),
    path("_monitoring/tunnel/", monitoring_views.tunnel, name="monitoring_tunnel"),
    path("admin/", admin.site.urls),
    # The header's language switch (POST): remembers the choice, goes to the page in it.
    path("i18n/setlang/", core_views.language_set, name="set_language"),
    # Every page in both languages, with hreflang alternates (`smartshop.sitemaps`).
    # An index of sections, each in pages of at most 50,000 URLs (the sitemap protocol's
    # limit): /sitemap-products.xml?p=2 (docs/performance.md "At size").
    path(
        "sitemap.xml",
        read_only(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        read_only(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
]
# The shopper's pages, in every language: Ukrainian (LANGUAGE_CODE) at the URLs the shop
# always had, English under /en/ (`core.locale` chooses and redirects). Feeds too: a feed is
# a page of posts in one language. Stripe's webhook (shop.urls) answers under both; the
# dashboard registers the unprefixed one, and a POST is never redirected.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("blog/", include("blog.urls")),
    path("", include("pages.urls")),
    path("", include("shop.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Staff uploads (product images, blog covers) from MEDIA_ROOT: local runs. In production
    # they live in object storage and pages link to the bucket (docs/deploy.md).
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", core_views.media)]
