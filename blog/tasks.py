"""Background tasks (django-tasks). Each is a thin wrapper around a service."""

from django_tasks import task

from blog import services
from monitoring.api import task_transaction


@task()
def post_generate_task(*, job_id: int) -> int | None:
    with task_transaction("generate_blog_post"):
        return services.post_generate(job_id=job_id)
