"""Account writes: e-mail verification and change, deleting an account.

Verification and change links are signed (django.core.signing, salted per purpose) and expire after
settings.EMAIL_VERIFICATION_MAX_AGE. They carry the account's id and the address they vouch for, so
a link for an address the account no longer has does nothing. The e-mail goes out after commit, off
the request path (`accounts.tasks.email_link_task`), in the language of the page that asked.
"""

import logging
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import translation

from accounts.emails import SALTS, Purpose
from accounts.models import User
from accounts.sessions import session_store
from accounts.tasks import email_link_task
from core.site import site_url as current_site_url

logger = logging.getLogger("accounts")


class LinkInvalid(Exception):
    """A verification or change link that is forged, expired or no longer applies."""


def email_link_request(*, user: User, email: str, purpose: Purpose) -> None:
    """Queue the verification (or change-confirmation) e-mail to `email`, after commit."""
    send = partial(
        email_link_task.enqueue,
        user_id=user.pk,
        email=email,
        purpose=purpose,
        site_url=current_site_url(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(send)


def email_link_open(*, token: str, purpose: Purpose) -> User:
    """Apply a link: the address is verified (and, for a change, becomes the account's).
    Raises LinkInvalid."""
    max_age = settings.EMAIL_VERIFICATION_MAX_AGE
    try:
        data = signing.loads(token, salt=SALTS[purpose], max_age=max_age)
    except signing.BadSignature as error:
        raise LinkInvalid from error
    user = User.objects.filter(pk=data.get("u")).first()
    email = data.get("e")
    if user is None or not isinstance(email, str):
        raise LinkInvalid
    if purpose == "verify":
        if user.email != email:
            raise LinkInvalid
        if not user.email_verified:
            User.objects.filter(pk=user.pk).update(email_verified=True)
            user.email_verified = True
        return user
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise LinkInvalid
    user.email, user.email_verified = email, True
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "email_verified"])
    except IntegrityError as error:
        raise LinkInvalid from error
    logger.info("E-mail address changed for user %s", user.pk)
    return user


def account_delete(*, user: User) -> None:
    """Delete the account and end its sessions. Its orders stay, for the accounts, with the
    personal details replaced (the shop does that when an account is deleted: pre_delete)."""
    store = session_store()
    keys = list(user.signed_in_sessions.values_list("session_key", flat=True))
    pk = user.pk
    with transaction.atomic():
        user.delete()
    for key in keys:
        store.SessionStore(session_key=key).delete()
    logger.info("Account %s deleted by its owner", pk)
