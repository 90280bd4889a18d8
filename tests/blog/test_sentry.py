"""AI drafting as on-call sees it in Sentry, checked on the wire: the real SDK sends to a local
envelope receiver while the real openai client talks to the local OpenAI stub.

The prompt names a product and a keyword nobody else uses, and the model's answer carries its
own phrase; none of them, nor the API key, may appear in any byte sent to Sentry."""

from io import StringIO

import pytest
import sentry_sdk
from django.core.management import call_command

from blog.models import JobStatus, Post
from blog.services import post_generation_job_create
from tests.accounts.factories import PASSWORD, UserFactory
from tests.blog.conftest import API_KEY
from tests.blog.factories import PostPlanFactory
from tests.blog.test_tasks import DATABASE_TASKS
from tests.monitoring.conftest import Browser
from tests.shop.factories import CategoryFactory, ProductFactory
from tests.support.two_factor import sign_in_with_code

pytestmark = pytest.mark.django_db

TOPIC = "Better coffee at home"
PRODUCT = "Quokkavale Espresso Tamper"  # only ever in the prompt
KEYWORD = "marzipanroast"  # only ever in the prompt
ANSWER_PHRASE = "Nebulous Marmalade Ritual"  # only ever in the model's answer
GOOD = {
    "title": f"The {ANSWER_PHRASE}",
    "excerpt": f"Why the {ANSWER_PHRASE} works.",
    "body_markdown": f"## {ANSWER_PHRASE}\n\nUse the [{PRODUCT}](/products/tamper/).",
    "tags": ["Coffee"],
}
PLANTED = [API_KEY, PRODUCT, KEYWORD, ANSWER_PHRASE, "Do not invent products"]


@pytest.fixture
def catalogue(db):
    coffee = CategoryFactory.create(name="Coffee & Tea", slug="coffee-tea")
    ProductFactory.create(category=coffee, name=PRODUCT, slug="tamper")


def request_draft(**overrides):
    options = {"topic": TOPIC, "keywords": f"coffee, {KEYWORD}", "tone": "friendly"}
    return post_generation_job_create(length="short", **(options | overrides))


def delivered(receiver) -> None:
    sentry_sdk.flush(timeout=5)
    receiver.wait_for(receiver.transactions)


def leaked(receiver, *, kinds: tuple[str, ...] = ()) -> list[str]:
    """The planted phrases found in what was sent: everything, or the envelopes carrying
    items of `kinds`."""
    envelopes = [e for e in receiver.envelopes if not kinds or any(e.of_type(k) for k in kinds)]
    raw = b"\n".join(e.raw for e in envelopes)
    return [phrase for phrase in PLANTED if phrase.encode() in raw]


def task_transaction(receiver) -> dict:
    [transaction] = [t for t in receiver.transactions() if t["transaction"] == "generate_blog_post"]
    return transaction


FAILURES = {
    "invalid JSON": ("The AI answer was not valid JSON", "JSONDecodeError"),
    "429": ("OpenAI rate limit (429)", "RateLimitError"),
    "500": ("OpenAI server error (500)", "InternalServerError"),
    "hang": ("OpenAI timed out after 0.5 s", "APITimeoutError"),
    "invalid draft": ("The AI answer is missing: body_markdown", "DraftError"),
}


def fail_the_stub(stub, settings, how: str) -> None:
    if how == "invalid JSON":
        stub.answer_text(f"Sure! Here is the {ANSWER_PHRASE}: {{title: ...")
    elif how == "invalid draft":
        stub.answer({"title": ANSWER_PHRASE, "excerpt": ANSWER_PHRASE})
    elif how == "hang":
        settings.OPENAI_TIMEOUT = 0.5
        stub.hang()
    else:
        stub.fail(int(how))


@pytest.mark.parametrize("how", list(FAILURES))
def test_each_failure_fails_the_job_and_sends_one_event_without_prompt_or_key(
    sentry, openai_stub, catalogue, settings, how
):
    reason, cause = FAILURES[how]
    fail_the_stub(openai_stub, settings, how)

    job = request_draft()

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, reason)
    assert Post.objects.count() == 0
    delivered(sentry)
    [event] = sentry.events()  # exactly one: the OpenAI integration's own is not sent
    assert event["level"] == "error"
    assert event["contexts"]["ai_job"] == {
        "id": job.pk,
        "topic": TOPIC,
        "model": "gpt-4o-mini",
        "reason": reason,
    }
    assert event["tags"]["ai_model"] == "gpt-4o-mini"
    assert event["tags"]["ai_job_id"] == str(job.pk)
    assert event["tags"]["ai_error"] == cause
    failure = event["exception"]["values"][-1]
    assert (failure["type"], failure["value"]) == ("DraftError", reason)
    assert failure["mechanism"] == {"type": "ai_job", "handled": True}
    frames = [f for value in event["exception"]["values"] for f in value["stacktrace"]["frames"]]
    assert "write" in [f["function"] for f in frames]  # where it failed, still shown
    assert not any("vars" in f for f in frames)
    # The event belongs to the task's trace, and the task's transaction says it failed.
    transaction = task_transaction(sentry)
    assert event["contexts"]["trace"]["trace_id"] == transaction["contexts"]["trace"]["trace_id"]
    assert transaction["contexts"]["trace"]["status"] == "internal_error"
    assert leaked(sentry) == []


def test_an_unexpected_error_quoting_the_answer_is_reported_once_without_it(
    sentry, openai_stub, catalogue, monkeypatch
):
    from blog import services

    def broken_save(*, job, draft):
        raise RuntimeError(f"could not save {draft.body_markdown!r}")

    monkeypatch.setattr(services, "_post_save_draft", broken_save)
    openai_stub.answer(GOOD)

    job = request_draft()

    reason = "Unexpected error while writing the draft; see the server logs"
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, reason)
    delivered(sentry)
    [event] = sentry.events()
    failure = event["exception"]["values"][-1]
    assert (failure["type"], failure["value"]) == ("RuntimeError", reason)
    functions = [f["function"] for f in failure["stacktrace"]["frames"]]
    assert functions[-2:] == ["post_generate", "broken_save"]
    assert leaked(sentry) == []


def test_a_draft_is_traced_as_a_task_with_ai_and_db_spans_and_token_usage(
    sentry, openai_stub, catalogue
):
    openai_stub.answer(GOOD, usage={"prompt_tokens": 412, "completion_tokens": 733})

    job = request_draft()

    assert job.status == JobStatus.DONE, job.error
    delivered(sentry)
    assert_traced_draft(sentry, task_transaction(sentry))
    assert sentry.events() == []
    assert leaked(sentry) == []


def gen_ai_spans(receiver) -> list[dict]:
    return [span for item in receiver.items("span") for span in item["items"]]


def assert_traced_draft(receiver, transaction: dict) -> None:
    trace = transaction["contexts"]["trace"]
    assert trace["op"] == "task"
    assert trace.get("status", "ok") == "ok"
    spans = transaction["spans"]
    top = [s for s in spans if s["parent_span_id"] == trace["span_id"]]
    [ai] = [s for s in top if s["op"] == "ai"]
    assert ai["description"] == "Write the draft (gpt-4o-mini)"
    [save] = [s for s in top if s["op"] == "db" and s["description"] == "Save the draft post"]
    assert ai["timestamp"] <= save["start_timestamp"]
    # The OpenAI integration's span, under ours, with the token usage and no messages. The
    # SDK sends gen_ai spans beside their transaction, as "span" (v2) items.
    [chat] = [s for s in gen_ai_spans(receiver) if s["trace_id"] == trace["trace_id"]]
    assert chat["parent_span_id"] == ai["span_id"]
    data = {key: item["value"] for key, item in chat["attributes"].items()}
    assert data["sentry.op"] == "gen_ai.chat"
    assert data["gen_ai.usage.input_tokens"] == 412
    assert data["gen_ai.usage.output_tokens"] == 733
    assert data["gen_ai.usage.total_tokens"] == 1145
    assert not [key for key in data if "messages" in key or "response.text" in key]
    # The post's INSERT runs inside the "db" span.
    inserts = [s for s in spans if s["op"] == "db" and "INSERT" in (s["description"] or "")]
    assert any(s["parent_span_id"] == save["span_id"] for s in inserts)


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_the_same_transaction(sentry, openai_stub, catalogue, settings):
    settings.TASKS = DATABASE_TASKS
    openai_stub.answer(GOOD, usage={"prompt_tokens": 412, "completion_tokens": 733})
    job = request_draft()
    assert job.status == JobStatus.QUEUED

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO())

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    delivered(sentry)
    assert_traced_draft(sentry, task_transaction(sentry))
    assert leaked(sentry) == []


@pytest.fixture
def browser(live_server):
    b = Browser(live_server.url)
    yield b
    b.close()


@pytest.mark.django_db(transaction=True)
def test_a_failure_in_the_admin_sends_one_event_without_the_request_form(
    sentry, openai_stub, catalogue, browser
):
    """The immediate backend drafts inside the staff member's request: the event is the
    task's, with the staff user, but not the request and its form (the prompt's keywords)."""
    openai_stub.fail(429)
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    sign_in_with_code(browser, staff, PASSWORD)
    response = browser.post(
        "/admin/blog/post/write-with-ai/",
        {
            "topic": TOPIC,
            "keywords": f"coffee, {KEYWORD}",
            "language": "en",
            "tone": "friendly",
            "length": "short",
        },
    )
    assert response.status_code == 302

    delivered(sentry)
    [event] = sentry.wait_for(sentry.events)
    assert event["contexts"]["ai_job"]["reason"] == "OpenAI rate limit (429)"
    assert event["user"]["id"] == str(staff.pk)
    assert "request" not in event
    task = task_transaction(sentry)
    assert task["contexts"]["trace"]["status"] == "internal_error"
    assert "request" not in task
    assert leaked(sentry, kinds=("event",)) == []
    task_raw = b"".join(e.raw for e in sentry.envelopes if task in e.of_type("transaction"))
    assert [p for p in PLANTED if p.encode() in task_raw] == []


# --- cron ------------------------------------------------------------------------------------


def run_command() -> str:
    out = StringIO()
    call_command("generate_blog_posts", stdout=out)
    return out.getvalue()


def check_ins(receiver) -> list[dict]:
    sentry_sdk.flush(timeout=5)
    return receiver.wait_for(
        lambda: len(receiver.items("check_in")) >= 2 and receiver.items("check_in")
    )


def test_the_scheduled_run_checks_in_to_its_cron_monitor(sentry, catalogue):
    PostPlanFactory.create(topic=TOPIC)
    assert "1 drafts requested" in run_command()

    started, finished = check_ins(sentry)
    assert (started["status"], finished["status"]) == ("in_progress", "ok")
    assert started["monitor_slug"] == finished["monitor_slug"] == "generate-blog-posts"
    assert started["check_in_id"] == finished["check_in_id"]
    assert finished["duration"] >= 0
    assert started["monitor_config"] == {
        "schedule": {"type": "crontab", "value": "*/15 * * * *"},
        "timezone": "UTC",
        "checkin_margin": 5,
        "max_runtime": 10,
    }
    # The plan's draft, written inline, is its own task transaction.
    assert task_transaction(sentry)["contexts"]["trace"]["op"] == "task"


def test_a_scheduled_run_where_a_plan_failed_checks_in_as_an_error(sentry, openai_stub, catalogue):
    """One plan drafted, one failed (OpenAI answered 500): the run does not raise, but the
    monitor must not say "ok"."""
    PostPlanFactory.create(topic=TOPIC)
    openai_stub.fail(500)
    output = run_command()
    assert "failed" in output

    started, finished = check_ins(sentry)
    assert (started["status"], finished["status"]) == ("in_progress", "error")
    assert started["check_in_id"] == finished["check_in_id"]
    assert finished["duration"] >= 0


def test_a_scheduled_run_that_raises_checks_in_as_an_error(sentry, monkeypatch):
    from blog.management.commands import generate_blog_posts

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(generate_blog_posts, "blog_scheduled_run", broken)
    with pytest.raises(RuntimeError):
        run_command()

    started, finished = check_ins(sentry)
    assert (started["status"], finished["status"]) == ("in_progress", "error")
    assert started["check_in_id"] == finished["check_in_id"]


def test_without_a_dsn_the_scheduled_run_sends_nothing(receiver, catalogue):
    PostPlanFactory.create(topic=TOPIC)
    assert not sentry_sdk.get_client().is_active()
    assert "1 drafts requested" in run_command()
    assert receiver.requests == 0
