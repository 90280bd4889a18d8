"""The drafting task on the production backend: stored in the database, run by db_worker."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from blog.models import JobStatus
from blog.services import post_generation_job_create
from tests.support.process import settings_code

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_writes_the_draft(settings, product):
    settings.TASKS = DATABASE_TASKS
    job = post_generation_job_create(topic="Skillets", tone="friendly", length="short")
    assert job.status == JobStatus.QUEUED  # nothing ran in the web request
    assert DBTaskResult.objects.filter(id=job.task_result_id).exists()

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO())

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.post is not None and job.post.ai_model == "offline"


def start(**env: str):
    return settings_code("print(json.dumps(settings.TASKS))", **env)


def test_tasks_backend_comes_from_the_environment():
    default = json.loads(start().stdout)
    assert default["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    database = json.loads(start(TASKS_BACKEND="database").stdout)
    assert database["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    wrong = start(TASKS_BACKEND="celery")
    assert wrong.returncode == 1
    assert "TASKS_BACKEND" in wrong.stderr and "Traceback" not in wrong.stderr
