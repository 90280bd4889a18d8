"""Background tasks (django-tasks). Each is a thin wrapper around a service."""

from django_tasks import task

from blog import services


@task()
def post_generate_task(*, job_id: int) -> int | None:
    return services.post_generate(job_id=job_id)
