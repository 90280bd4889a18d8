"""Mail that does not go: e-mail backends for tests of a mail outage."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend

from tests.support.process import free_port


class FailingEmailBackend(BaseEmailBackend):
    """Fails like an SMTP server that hangs up, quoting the recipient in its error (real
    servers do), so a test can check that the text never reaches a log."""

    def send_messages(self, email_messages):
        recipients = ", ".join(r for m in email_messages for r in m.recipients())
        raise SMTPServerDisconnected(
            f"Connection unexpectedly closed while sending to {recipients}"
        )


def smtp_down(settings) -> None:
    """Point Django's real SMTP backend at a closed local port, as in an outage."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    # Nothing listens on a free port: connecting is refused at once.
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def mail_back(settings) -> None:
    """Mail works again (Django's test outbox)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
