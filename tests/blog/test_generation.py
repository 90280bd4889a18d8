"""AI drafting against a local OpenAI-compatible server, driven by the real openai client."""

import logging
from typing import Any

import pytest

from blog.models import JobStatus, Post, PostGenerationJob, PostStatus
from blog.services import post_generation_job_create
from tests.accounts.factories import UserFactory
from tests.blog.conftest import API_KEY
from tests.shop.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Five ways to brew better coffee",
    "excerpt": "Small changes, better cups.",
    "body_markdown": "## Grind fresh\n\nUse the [Burr Grinder](/products/burr-grinder/).",
    "tags": ["Coffee", "Guides"],
    "meta_title": "Brew better coffee at home",
    "meta_description": "Five simple ways to brew better coffee at home.",
}


@pytest.fixture
def catalogue(db):
    coffee = CategoryFactory.create(name="Coffee & Tea", slug="coffee-tea")
    ProductFactory.create(category=coffee, name="Burr Grinder", slug="burr-grinder")
    ProductFactory.create(category=coffee, name="Gooseneck Kettle", slug="gooseneck-kettle")
    hidden = ProductFactory.create(category=coffee, name="Retired Percolator", is_active=False)
    return hidden


def request_draft(**overrides) -> PostGenerationJob:
    options: dict[str, Any] = {
        "topic": "Better coffee at home",
        "keywords": "coffee, grinder",
        "tone": "friendly",
        "length": "short",
        "auto_publish": False,
    }
    return post_generation_job_create(**(options | overrides))


def drafted(job: PostGenerationJob) -> Post:
    """The job's post; the test fails, with the job's error, when it made none."""
    assert job.post is not None, job.error
    return job.post


def test_a_good_answer_becomes_a_draft_with_provenance(openai_stub, catalogue):
    openai_stub.answer(GOOD, usage={"prompt_tokens": 412, "completion_tokens": 733})
    staff = UserFactory.create(is_staff=True)

    job = request_draft(requested_by=staff)

    assert job.status == JobStatus.DONE, job.error
    assert job.model_name == "gpt-4o-mini"
    assert job.task_result_id
    post = drafted(job)
    assert post.status == PostStatus.DRAFT and post.publish_at is None
    assert post.title == GOOD["title"]
    assert post.meta_description == GOOD["meta_description"]
    assert sorted(t.name for t in post.tags.all()) == ["Coffee", "Guides"]
    assert post.slug == "five-ways-to-brew-better-coffee"
    assert '<a href="/products/burr-grinder/" rel="noopener nofollow">' in post.body_html
    assert post.author == staff
    assert (post.is_ai_generated, post.ai_model) == (True, "gpt-4o-mini")
    assert (post.ai_prompt_tokens, post.ai_completion_tokens) == (412, 733)
    assert (post.ai_topic, post.ai_keywords) == ("Better coffee at home", "coffee, grinder")


def test_the_real_client_sends_the_key_and_a_prompt_with_real_products(openai_stub, catalogue):
    openai_stub.answer(GOOD)
    request_draft()

    [sent] = openai_stub.requests
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {API_KEY}"
    assert sent.body["model"] == "gpt-4o-mini"
    assert sent.body["response_format"] == {"type": "json_object"}
    assert 0 < sent.body["max_completion_tokens"] <= 4000
    assert "Burr Grinder" in sent.prompt
    assert "/products/burr-grinder/" in sent.prompt
    assert "Coffee & Tea" in sent.prompt
    assert "Retired Percolator" not in sent.prompt  # only products a shopper can buy


def test_over_long_fields_are_fitted_to_their_columns(openai_stub, catalogue):
    words = "word " * 200
    openai_stub.answer(
        {
            "title": "<b>Bold</b> " + words,
            "excerpt": words,
            "body_markdown": "Body",
            "tags": ["a very long tag name that goes on and on and on forever", *"bcdefgh"],
            "meta_title": words,
            "meta_description": words,
        }
    )
    post = drafted(request_draft())

    assert len(post.title) <= 120 and post.title.startswith("Bold word")
    assert post.title.endswith("…") and not post.title.endswith(" …")
    assert len(post.excerpt) <= 300
    assert len(post.meta_title) <= 70
    assert len(post.meta_description) <= 160
    assert post.tags.count() == 5
    assert all(len(t.name) <= 40 for t in post.tags.all())
    assert len(post.slug) <= 140


def test_a_second_draft_with_the_same_title_gets_its_own_slug(openai_stub, catalogue):
    openai_stub.answer(GOOD)
    first, second = drafted(request_draft()), drafted(request_draft())
    assert first.slug != second.slug
    assert second.slug == "five-ways-to-brew-better-coffee-2"


def test_missing_seo_fields_fall_back_to_title_and_excerpt(openai_stub, catalogue):
    openai_stub.answer({k: GOOD[k] for k in ("title", "excerpt", "body_markdown")})
    post = drafted(request_draft())
    assert (post.meta_title, post.meta_description) == (GOOD["title"][:70], GOOD["excerpt"])


def test_auto_publish_publishes_only_when_chosen(openai_stub, client, catalogue):
    openai_stub.answer(GOOD)
    post = drafted(request_draft(auto_publish=True))
    assert post.status == PostStatus.PUBLISHED
    assert client.get(post.get_absolute_url()).status_code == 200


def assert_failed(job: PostGenerationJob, reason: str) -> None:
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == reason
    assert job.post is None and job.finished_at is not None
    assert API_KEY not in job.error
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Sure! Here is your post: {title: ...", "The AI answer was not valid JSON"),
        ('["a", "list"]', "The AI answer was not a JSON object."),
        ('{"title": "T", "excerpt": "E"}', "The AI answer is missing: body_markdown"),
        ('{"excerpt": "E", "body_markdown": "B"}', "The AI answer is missing: title"),
        (
            '{"title": "<script></script>", "excerpt": "E", "body_markdown": "B"}',
            "The AI answer is missing: title",
        ),
        (
            '{"title": 5, "excerpt": "E", "body_markdown": "B", "tags": "x"}',
            "The AI answer has the wrong type for: title, tags",
        ),
    ],
)
def test_answers_that_do_not_validate_fail_the_job_with_a_reason(
    openai_stub, catalogue, content, reason
):
    openai_stub.answer_text(content)
    assert_failed(request_draft(), reason)
    assert len(openai_stub.requests) == 1  # a bad answer is not retried


@pytest.mark.parametrize(
    ("status", "reason"),
    [(429, "OpenAI rate limit (429)"), (500, "OpenAI server error (500)")],
)
def test_rate_limits_and_server_errors_fail_after_bounded_retries(
    openai_stub, catalogue, caplog, status, reason
):
    openai_stub.fail(status)
    with caplog.at_level(logging.WARNING, logger="blog.services"):
        job = request_draft()
    assert_failed(job, reason)
    # The real client retried, but only twice: three requests in all.
    assert len(openai_stub.requests) == 3
    # The log names the job and the model, never the key or the prompt.
    assert f"job {job.pk} failed (model gpt-4o-mini)" in caplog.text
    assert API_KEY not in caplog.text
    assert "Better coffee" not in caplog.text


def test_a_hanging_server_times_out_and_fails_the_job(openai_stub, catalogue, settings):
    settings.OPENAI_TIMEOUT = 0.5
    openai_stub.hang()
    job = request_draft()
    assert_failed(job, "OpenAI timed out after 0.5 s")
    assert 1 <= len(openai_stub.requests) <= 3


def test_a_wrong_key_fails_without_showing_it(openai_stub, catalogue):
    openai_stub.fail(401)
    job = request_draft()
    assert_failed(job, "OpenAI rejected the API key (401)")
    assert len(openai_stub.requests) == 1


def test_a_job_runs_once_even_if_its_task_is_delivered_twice(openai_stub, catalogue):
    from blog.services import post_generate

    openai_stub.answer(GOOD)
    job = request_draft()
    assert post_generate(job_id=job.pk) is None
    assert Post.objects.count() == 1
    assert len(openai_stub.requests) == 1


def test_without_a_key_the_offline_writer_makes_a_labelled_draft(catalogue):
    job = request_draft(auto_publish=True)

    assert job.status == JobStatus.DONE
    assert job.model_name == "offline"
    post = drafted(job)
    assert "written offline" in post.title
    assert "written offline" in post.body_html.lower()
    assert '<a href="/products/burr-grinder/"' in post.body_html
    assert (post.is_ai_generated, post.ai_model) == (True, "offline")
    # A template is a placeholder: never published on its own, even with auto-publish.
    assert post.status == PostStatus.DRAFT
