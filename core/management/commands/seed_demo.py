import os
import secrets
from importlib import import_module
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

DEFAULT_ADMIN_EMAIL = "admin@smartshop.local"
# Each app with demo data has a `demo` module with `demo_seed(*, progress) -> str`, found the
# way the admin finds `admin` modules (or where its AppConfig's `demo_module` says), so core
# never imports the apps it serves. They run in INSTALLED_APPS order: the shop's catalogue
# first, then the blog, whose posts link to products.
DEMO_MODULE = "demo"


class Command(BaseCommand):
    help = (
        "Load demo categories, products, blog posts and a staff superuser. Safe to run again. "
        "The superuser's credentials come from DJANGO_SUPERUSER_EMAIL and "
        "DJANGO_SUPERUSER_PASSWORD, or are generated and printed once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for app in apps.get_app_configs():
            module = getattr(app, "demo_module", None)
            if module is None:
                if not module_has_submodule(app.module, DEMO_MODULE):
                    continue
                module = f"{app.name}.{DEMO_MODULE}"
            seed = getattr(import_module(module), "demo_seed", None)
            if seed is not None:
                summary = seed(progress=lambda msg: self.stdout.write(f"  {msg}"))
                self.stdout.write(self.style.SUCCESS(summary))
        self._superuser()

    def _superuser(self) -> None:
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", DEFAULT_ADMIN_EMAIL).strip().lower()
        user_model = get_user_model()
        if user_model.objects.filter(email__iexact=email).exists():
            self.stdout.write(f"Staff superuser {email} already exists; password unchanged.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(email=email, password=password)
        if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            self.stdout.write(self.style.SUCCESS(f"Created staff superuser {email}."))
        else:
            # Printed once, on creation only: it is stored hashed and never shown again.
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created staff superuser {email} with password: {password}\n"
                    "  Keep it now; it will not be shown again."
                )
            )
