import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from blog.demo import demo_posts_seed
from shop.services.demo import demo_catalogue_seed

DEFAULT_ADMIN_EMAIL = "admin@smartshop.local"


class Command(BaseCommand):
    help = (
        "Load demo categories, products and a staff superuser. Safe to run again. "
        "The superuser's credentials come from DJANGO_SUPERUSER_EMAIL and "
        "DJANGO_SUPERUSER_PASSWORD, or are generated and printed once."
    )

    def handle(self, *args, **options):
        created = demo_catalogue_seed(progress=lambda msg: self.stdout.write(f"  {msg}"))
        self.stdout.write(self.style.SUCCESS(f"Catalogue ready ({created} new products)."))
        posts = demo_posts_seed()
        self.stdout.write(self.style.SUCCESS(f"Blog ready ({posts} new posts)."))

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
