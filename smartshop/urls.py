from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from blog.sitemaps import SITEMAPS
from monitoring import views as monitoring_views

admin.site.site_header = _("SmartShop AI administration")
admin.site.site_title = _("SmartShop AI admin")

handler500 = "monitoring.views.server_error"

urlpatterns = [
    path("healthz", monitoring_views.healthz, name="healthz"),
    # Superusers only (404 for everyone else): proves an error reaches Sentry, end to end.
    path("_monitoring/sentry-error/", monitoring_views.sentry_debug, name="sentry_debug"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("blog/", include("blog.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("shop.urls")),
]

if settings.DEBUG:
    # Staff uploads, served by Django only locally; production serves MEDIA from its own disk.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
