"""Account breadcrumbs from Django's own signals: accounts code needs no monitoring calls."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from monitoring.api import breadcrumb


@receiver(user_logged_in)
def _logged_in(
    sender: type[AbstractUser], request: HttpRequest, user: AbstractUser, **kwargs: Any
) -> None:
    breadcrumb("User logged in", user_id=user.pk)


@receiver(user_logged_out)
def _logged_out(
    sender: type,
    request: HttpRequest,
    user: AbstractUser | AnonymousUser | None,
    **kwargs: Any,
) -> None:
    breadcrumb("User logged out", user_id=getattr(user, "pk", None))


def _signed_up(
    sender: type[AbstractUser], instance: AbstractUser, created: bool, **kwargs: Any
) -> None:
    if created:
        breadcrumb("User signed up", user_id=instance.pk)


post_save.connect(_signed_up, sender=get_user_model(), dispatch_uid="monitoring.signed_up")
