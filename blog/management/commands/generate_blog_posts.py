from typing import Any

from django.core.management.base import BaseCommand

from blog.models import JobStatus
from blog.services import blog_scheduled_run
from monitoring.api import cron_monitor

# How often cron runs this command (UTC): keep in step with render.yaml and
# docs/emails-and-tasks.md.
# With a Sentry DSN set, each run checks in to this monitor, which alerts on a missed,
# failed or overlong run; a run where any plan's draft failed checks in as failed.
CRON_SCHEDULE = "*/15 * * * *"
MONITOR_SLUG = "generate-blog-posts"


class Command(BaseCommand):
    help = (
        "Publish scheduled posts whose time has come and write drafts for due post plans. "
        "Safe to run from cron at any frequency."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with cron_monitor(MONITOR_SLUG, schedule=CRON_SCHEDULE) as check_in:
            run = blog_scheduled_run()
            if any(job.status == JobStatus.FAILED for job in run.jobs):
                check_in.fail()
        for post in run.published:
            self.stdout.write(f"Published “{post.title}” (#{post.pk}).")
        for job in run.jobs:
            outcome = job.get_status_display().lower()
            if job.error:
                outcome += f": {job.error}"
            self.stdout.write(f"Plan “{job.topic}”: job #{job.pk} {outcome}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {len(run.published)} posts published, {len(run.jobs)} drafts requested."
            )
        )
