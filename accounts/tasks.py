"""Background tasks (django-tasks). Each is a thin wrapper around a service."""

from django_tasks import task

from accounts import emails
from monitoring.api import task_transaction


@task()
def email_link_task(*, user_id: int, email: str, purpose: str, site_url: str, language: str) -> str:
    with task_transaction("send_email_link"):
        return emails.email_link_send(
            user_id=user_id,
            email=email,
            purpose="change" if purpose == "change" else "verify",
            site_url=site_url,
            language=language,
        )
