"""The e-mails with a signed link: verifying an address, confirming a new one."""

import logging
from typing import Literal

from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User

logger = logging.getLogger("accounts")

Purpose = Literal["verify", "change"]
SALTS: dict[str, str] = {"verify": "accounts.email.verify", "change": "accounts.email.change"}


def email_link_token(*, user: User, email: str, purpose: Purpose) -> str:
    return signing.dumps({"u": user.pk, "e": email}, salt=SALTS[purpose], compress=True)


def email_link_url(*, user: User, email: str, purpose: Purpose, site_url: str) -> str:
    token = email_link_token(user=user, email=email, purpose=purpose)
    name = "accounts:email_verify" if purpose == "verify" else "accounts:email_change_confirm"
    return site_url + reverse(name, kwargs={"token": token})


def email_link_send(
    *, user_id: int, email: str, purpose: Purpose, site_url: str, language: str
) -> str:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return "gone"
    with translation.override(language):
        url = email_link_url(user=user, email=email, purpose=purpose, site_url=site_url)
        if purpose == "verify":
            subject = gettext("Confirm your e-mail address for SmartShop AI")
        else:
            subject = gettext("Confirm your new e-mail address for SmartShop AI")
        body = render_to_string(f"accounts/email/email_{purpose}.txt", {"url": url})
    EmailMessage(subject, body, to=[email]).send()
    logger.info("E-mail %s link sent for user %s", purpose, user_id)
    return "sent"
