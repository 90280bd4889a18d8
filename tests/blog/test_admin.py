"""Staff drafting posts with AI from the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import JobStatus, Post, PostGenerationJob, PostStatus
from tests.accounts.factories import UserFactory
from tests.blog.factories import PostFactory
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

FORM = {
    "topic": "Coffee at home",
    "keywords": " coffee ,, grinder ",
    "language": "en",
    "tone": "practical",
    "length": "short",
}


def test_write_a_draft_with_ai_end_to_end_offline(staff_client, staff_user, product):
    changelist = staff_client.get(reverse("admin:blog_post_changelist"))
    write_url = reverse("admin:blog_post_write_with_ai")
    assert write_url in changelist.text
    form_page = staff_client.get(write_url)
    assert form_page.status_code == 200
    assert "offline template draft" in form_page.text

    response = staff_client.post(write_url, FORM, follow=True)

    job = PostGenerationJob.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:blog_postgenerationjob_change", args=[job.pk]
    )
    assert (job.status, job.requested_by, job.keywords) == (
        JobStatus.DONE,
        staff_user,
        "coffee, grinder",
    )
    post = job.post
    assert post is not None and post.status == PostStatus.DRAFT and post.ai_model == "offline"
    draft_url = reverse("admin:blog_post_change", args=[post.pk])
    assert f'href="{draft_url}"' in response.text  # the job page links to the draft
    assert "is ready" in response.text
    assert staff_client.get(draft_url).status_code == 200


def test_the_job_list_shows_state_with_a_link_or_the_reason(staff_client):
    post = PostFactory.create(title="Ready post")
    PostGenerationJob.objects.create(topic="A", tone="friendly", length="short", status="queued")
    PostGenerationJob.objects.create(
        topic="B", tone="friendly", length="short", status="done", post=post
    )
    PostGenerationJob.objects.create(
        topic="C",
        tone="friendly",
        length="short",
        status="failed",
        error="OpenAI rate limit (429)",
    )
    html = staff_client.get(reverse("admin:blog_postgenerationjob_changelist")).text
    assert "Queued" in html
    assert f'<a href="{reverse("admin:blog_post_change", args=[post.pk])}">Ready post</a>' in html
    assert "Failed: OpenAI rate limit (429)" in html
    # Jobs are records, not forms: no adding or editing by hand.
    assert staff_client.get(reverse("admin:blog_postgenerationjob_add")).status_code == 403


def test_an_invalid_request_shows_the_form_again(staff_client):
    response = staff_client.post(reverse("admin:blog_post_write_with_ai"), {"tone": "angry"})
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert not PostGenerationJob.objects.exists()


def test_only_staff_who_may_add_posts_can_draft(client):
    url = reverse("admin:blog_post_write_with_ai")
    assert client.get(url).status_code == 302  # to the admin login
    limited = Client()
    otp_login(limited, UserFactory.create(is_staff=True))
    assert limited.post(url, FORM).status_code == 403
    assert not PostGenerationJob.objects.exists()


def test_staff_write_a_post_in_markdown_and_schedule_it(staff_client):
    response = staff_client.post(
        reverse("admin:blog_post_add"),
        {
            "title_en": "Hello",
            "slug": "hello",
            "excerpt_en": "",
            "body_markdown_en": "**Hi** <script>x()</script>",
            "status": "scheduled",
            "publish_at_0": "",
            "publish_at_1": "",
            "meta_title_en": "",
            "meta_description_en": "",
        },
    )
    assert response.status_code == 200
    assert "A scheduled post needs a publish time." in response.text

    response = staff_client.post(
        reverse("admin:blog_post_add"),
        {
            "title_en": "Hello",
            "slug": "hello",
            "body_markdown_en": "**Hi** <script>x()</script>",
            "status": "published",
            "meta_title_en": "",
            "meta_description_en": "",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.body_html == "<p><strong>Hi</strong> </p>"
    assert post.publish_at is not None


def test_the_post_list_filters_and_searches(staff_client):
    PostFactory.create(title="Coffee guide", is_ai_generated=True)
    PostFactory.create(title="Tea guide", status=PostStatus.DRAFT, publish_at=None)
    url = reverse("admin:blog_post_changelist")

    def titles(**params) -> list[str]:
        return sorted(p.title for p in staff_client.get(url, params).context["cl"].result_list)

    assert titles() == ["Coffee guide", "Tea guide"]
    assert titles(status__exact="draft") == ["Tea guide"]
    assert titles(is_ai_generated__exact=1) == ["Coffee guide"]
    assert titles(q="coffee") == ["Coffee guide"]
