"""Blog writes: AI drafting jobs, scheduled publishing and recurring plans."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from anyascii import anyascii
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify

from blog import selectors, writers
from blog.drafts import Draft, DraftError
from blog.models import (
    JobStatus,
    Post,
    PostGenerationJob,
    PostPlan,
    PostStatus,
    Tag,
    field_limit,
)
from monitoring.api import ai_failure_capture, span

logger = logging.getLogger(__name__)


def post_generation_job_create(
    *,
    topic: str,
    keywords: str = "",
    tone: str,
    length: str,
    language: str = "",
    auto_publish: bool = False,
    requested_by: AbstractBaseUser | AnonymousUser | None = None,
) -> PostGenerationJob:
    """Queue an AI draft in `language` (a code of settings.LANGUAGES; LANGUAGE_CODE's if not
    given). With the immediate
    backend it is written before this returns; with the database backend `manage.py
    db_worker` picks it up."""
    if not isinstance(requested_by, get_user_model()):
        requested_by = None  # nobody signed in: the job says no one asked
    job = PostGenerationJob.objects.create(
        topic=topic,
        keywords=keywords,
        tone=tone,
        length=length,
        language=language or settings.LANGUAGE_CODE,
        auto_publish=auto_publish,
        requested_by=requested_by,
    )
    _job_enqueue(job)
    job.refresh_from_db()
    return job


def _job_enqueue(job: PostGenerationJob) -> None:
    from blog.tasks import post_generate_task  # the task module imports this one

    try:
        result = post_generate_task.enqueue(job_id=job.pk)
    except Exception as error:
        _job_fail(job, "The job could not be queued", error)
        return
    # An update, not save(): with the immediate backend the job has already run and changed.
    PostGenerationJob.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])


def post_generate(*, job_id: int) -> int | None:
    """Write the draft for a queued job and save it; return the post id, or None on failure.
    A job that is not queued any more (done, failed, or claimed by another worker) is left
    alone, so a task delivered twice never makes two posts."""
    job = _job_claim(job_id)
    if job is None:
        return None
    try:
        writer = writers.writer_get()
        job.model_name = writer.model[:100]
        job.save(update_fields=["model_name"])
        # Products named, and linked, in the draft's language (/en/… for English).
        with translation.override(job.language):
            products = selectors.catalogue_for_prompt(topic=job.topic, keywords=job.keyword_list)
        request = writers.DraftRequest(
            topic=job.topic,
            keywords=job.keyword_list,
            tone=job.tone,
            length=job.length,
            language=job.language,
            products=products,
        )
        with span(op="ai", name=f"Write the draft ({writer.model})"):
            draft = writer.write(request)
        with span(op="db", name="Save the draft post"):
            post = _post_save_draft(job=job, draft=draft)
    except DraftError as error:
        _job_fail(job, error.reason, error)
        return None
    except Exception as error:
        _job_fail(job, "Unexpected error while writing the draft; see the server logs", error)
        return None
    return post.pk


def _job_claim(job_id: int) -> PostGenerationJob | None:
    with transaction.atomic():
        job = (
            PostGenerationJob.objects.select_for_update(skip_locked=True)
            .filter(pk=job_id, status=JobStatus.QUEUED)
            .first()
        )
        if job is None:
            return None
        job.status = JobStatus.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    return job


def _job_fail(job: PostGenerationJob, reason: str, error: BaseException | None = None) -> None:
    """The one place an AI drafting job fails: timeouts, 429s, 5xx, invalid JSON, answers that
    do not validate, anything unexpected. `reason` is shown to staff, so callers pass a plain
    sentence and never the exception text (which may quote the request). The log line carries
    ids only, never the prompt; Sentry gets one event with the job's id, topic and model."""
    job.status = JobStatus.FAILED
    job.error = reason
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    logger.warning(
        "Blog drafting job %s failed (model %s): %s [%s]",
        job.pk,
        job.model_name or "-",
        reason,
        type(error).__name__ if error is not None else "-",
    )
    ai_failure_capture(error, job_id=job.pk, topic=job.topic, model=job.model_name, reason=reason)


def _post_save_draft(*, job: PostGenerationJob, draft: Draft) -> Post:
    # A template draft from the offline writer is a placeholder: it never goes live on its own.
    publish = job.auto_publish and draft.model != writers.OFFLINE_MODEL
    now = timezone.now()
    # The draft goes into the columns of the language it was written in (`blog.translation`),
    # whatever language the request that queued it was in; the other language stays empty
    # and shows this one until someone translates it.
    with transaction.atomic(), translation.override(job.language):
        post = Post.objects.create(
            title=draft.title,
            slug=_slug_unique(draft.title),
            excerpt=draft.excerpt,
            body_markdown=draft.body_markdown,
            meta_title=draft.meta_title,
            meta_description=draft.meta_description,
            status=PostStatus.PUBLISHED if publish else PostStatus.DRAFT,
            publish_at=now if publish else None,
            author=job.requested_by,
            is_ai_generated=True,
            ai_topic=job.topic,
            ai_keywords=job.keywords,
            ai_model=draft.model[:100],
            ai_prompt_tokens=draft.prompt_tokens,
            ai_completion_tokens=draft.completion_tokens,
        )
        post.tags.set(tags_get_or_create(names=draft.tags))
        job.status = JobStatus.DONE
        job.post = post
        job.error = ""
        job.finished_at = now
        job.save(update_fields=["status", "post", "error", "finished_at"])
    return post


def _slug_unique(title: str) -> str:
    limit = field_limit(Post, "slug")
    # Latin letters for any title: "Як заварити каву" → "yak-zavariti-kavu".
    base = slugify(anyascii(title))[:limit].strip("-") or "post"
    slug, n = base, 2
    while Post.objects.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: limit - len(suffix)].strip("-") + suffix
        n += 1
    return slug


def tags_get_or_create(*, names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        slug = slugify(name)
        tag = Tag.objects.filter(Q(slug=slug) | Q(name__iexact=name)).first()
        tags.append(tag or Tag.objects.create(name=name, slug=slug))
    return tags


@dataclass
class ScheduledRun:
    published: list[Post] = field(default_factory=list)
    jobs: list[PostGenerationJob] = field(default_factory=list)


def blog_scheduled_run(*, now: datetime | None = None) -> ScheduledRun:
    """What cron runs (`manage.py generate_blog_posts`): publish due scheduled posts, then
    draft for due plans. Safe at any frequency and from two hosts at once: rows are claimed
    with SKIP LOCKED and a plan moves its next_run_at in the same transaction."""
    now = now or timezone.now()
    run = ScheduledRun(published=posts_publish_due(now=now))
    for job in plans_run_due(now=now):
        _job_enqueue(job)
        job.refresh_from_db()
        run.jobs.append(job)
    return run


def posts_publish_due(*, now: datetime) -> list[Post]:
    """Scheduled posts whose time has come become "published". They were already visible; this
    makes the status say so, for staff and for filters."""
    with transaction.atomic():
        due = list(
            Post.objects.select_for_update(skip_locked=True)
            .filter(status=PostStatus.SCHEDULED, publish_at__lte=now)
            .order_by("publish_at", "pk")
        )
        Post.objects.filter(pk__in=[p.pk for p in due]).update(
            status=PostStatus.PUBLISHED, updated_at=now
        )
    return due


def plans_run_due(*, now: datetime) -> list[PostGenerationJob]:
    """Create one queued job per due plan and move the plan on. The AI call happens later,
    outside this transaction, so no row stays locked while a model writes."""
    with transaction.atomic():
        plans = list(
            PostPlan.objects.select_for_update(skip_locked=True)
            .filter(active=True, next_run_at__lte=now)
            .order_by("next_run_at", "pk")
        )
        jobs = []
        for plan in plans:
            jobs.append(
                PostGenerationJob.objects.create(
                    topic=plan.topic,
                    keywords=plan.keywords,
                    tone=plan.tone,
                    length=plan.length,
                    language=plan.language,
                    auto_publish=plan.auto_publish,
                    plan=plan,
                )
            )
            plan.next_run_at = plan_next_run(plan=plan, now=now)
            plan.save(update_fields=["next_run_at"])
    return jobs


def plan_next_run(*, plan: PostPlan, now: datetime) -> datetime:
    """The first slot of the plan's rhythm after `now`: missed runs are skipped, not caught up."""
    step = timedelta(days=plan.interval_days)
    missed = (now - plan.next_run_at) // step + 1
    return plan.next_run_at + step * max(missed, 1)
