"""`manage.py generate_blog_posts`, as cron runs it."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from blog.models import JobStatus, PostGenerationJob, PostStatus
from tests.blog.factories import PostFactory, PostPlanFactory

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("generate_blog_posts", stdout=out)
    return out.getvalue()


def test_due_scheduled_posts_are_published_once(client):
    now = timezone.now()
    due = PostFactory.create(
        title="Due", status=PostStatus.SCHEDULED, publish_at=now - timedelta(minutes=5)
    )
    later = PostFactory.create(status=PostStatus.SCHEDULED, publish_at=now + timedelta(days=1))
    draft = PostFactory.create(status=PostStatus.DRAFT, publish_at=None)

    first = run()
    assert "Published “Due”" in first
    assert "1 posts published, 0 drafts requested" in first
    due.refresh_from_db()
    later.refresh_from_db()
    draft.refresh_from_db()
    assert (due.status, later.status, draft.status) == (
        PostStatus.PUBLISHED,
        PostStatus.SCHEDULED,
        PostStatus.DRAFT,
    )
    # Keeps its time, so the list order is unchanged.
    assert due.publish_at is not None and due.publish_at <= now

    second = run()
    assert "0 posts published, 0 drafts requested" in second


def test_due_plans_get_a_draft_and_move_on(category, product):
    plan = PostPlanFactory.create(topic="Coffee gear", interval_days=7)
    first_slot = plan.next_run_at
    not_due = PostPlanFactory.create(next_run_at=timezone.now() + timedelta(days=1))
    PostPlanFactory.create(active=False)

    output = run()
    assert "Plan “Coffee gear”: job #" in output and "done" in output
    job = PostGenerationJob.objects.get()
    assert (job.plan, job.status, job.model_name) == (plan, JobStatus.DONE, "offline")
    assert job.post is not None and job.post.status == PostStatus.DRAFT
    assert product.get_absolute_url() in job.post.body_html
    plan.refresh_from_db()
    assert plan.next_run_at == first_slot + timedelta(days=7)

    assert "0 drafts requested" in run()  # running again at once does nothing
    assert PostGenerationJob.objects.count() == 1
    not_due.refresh_from_db()
    assert not not_due.jobs.exists()


def test_a_long_missed_plan_runs_once_and_keeps_its_rhythm(category):
    plan = PostPlanFactory.create(interval_days=7)
    start = plan.next_run_at
    with time_machine.travel(start + timedelta(days=30), tick=False):
        run()
    plan.refresh_from_db()
    assert plan.jobs.count() == 1
    assert plan.next_run_at == start + timedelta(days=35)
