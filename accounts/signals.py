"""Log-in and log-out hooks: the session list, and the second factor a log-in still owes."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import User
from accounts.sessions import signed_in_session_forget, signed_in_session_record
from accounts.two_factor import PENDING_KEY, has_second_factor


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(
    sender: type, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any
) -> None:
    if request is None or not isinstance(user, User):
        return
    signed_in_session_record(request=request, user=user)
    if has_second_factor(user):
        request.session[PENDING_KEY] = True


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def signed_out(
    sender: type,
    request: HttpRequest | None,
    user: AbstractBaseUser | AnonymousUser | None,
    **kwargs: Any,
) -> None:
    if request is not None:
        signed_in_session_forget(session_key=request.session.session_key)
