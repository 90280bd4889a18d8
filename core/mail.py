"""The e-mail backend for production without EMAIL_URL.

Django's console backend would print every message, password-reset links and signed order
links included, to the server log. This one sends nothing and logs one line per recipient,
never the subject or body, so the operator sees that mail is not configured."""

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("core.mail")


class UnsentEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            for recipient in message.recipients():
                logger.warning("e-mail to %s not sent: EMAIL_URL unset", recipient)
        return 0
