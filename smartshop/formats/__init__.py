"""Date formats where Django's own (`django.conf.locale.<lang>.formats`) are not how the shop
writes dates. Only the names set here change; everything else stays Django's
(settings.FORMAT_MODULE_PATH)."""
