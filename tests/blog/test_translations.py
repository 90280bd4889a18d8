"""Blog posts in Ukrainian and English: each language's page is rendered from that language's
Markdown, sanitised the same way, and a post written in one language still reads in the other."""

import pytest
from django.urls import reverse

from blog.models import Post
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db

UK = {"HTTP_ACCEPT_LANGUAGE": "uk"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_each_language_is_rendered_from_its_own_markdown_and_sanitised():
    post = PostFactory(
        body_markdown_uk="*Привіт* <script>alert(1)</script>",
        body_markdown_en="**Hello** <img src=x onerror=alert(1)>",
    )
    post.refresh_from_db()
    assert post.body_html_uk == "<p><em>Привіт</em> </p>"
    assert post.body_html_en == "<p><strong>Hello</strong> <img></p>"


def test_saving_only_one_languages_markdown_renders_that_language(client):
    post = PostFactory(body_markdown_uk="", body_markdown_en="English **only**.")
    post.body_markdown_uk = "Тепер і **українською**."
    post.save(update_fields=["body_markdown_uk"])
    stored = Post.objects.get(pk=post.pk)
    assert stored.body_html_uk == "<p>Тепер і <strong>українською</strong>.</p>"
    assert stored.body_html_en == "<p>English <strong>only</strong>.</p>"


def test_the_post_page_is_in_the_readers_language(client):
    post = PostFactory(
        title_uk="Як заварити каву",
        title_en="How to brew coffee",
        body_markdown_uk="Зважте **15 г** кави.",
        body_markdown_en="Weigh **15 g** of coffee.",
    )
    uk = client.get(post.get_absolute_url(), **UK).text
    assert "Як заварити каву" in uk and "Зважте <strong>15 г</strong> кави." in uk
    assert "Weigh" not in uk
    en = client.get(post.get_absolute_url(), **EN).text
    assert "How to brew coffee" in en and "Weigh <strong>15 g</strong> of coffee." in en
    assert "Зважте" not in en


def test_a_post_written_only_in_english_reads_in_english_on_the_ukrainian_page(client):
    post = PostFactory(title_en="Tea notes", body_markdown_en="Steep for *one* minute.")
    assert post.body_html_uk == ""  # nothing of its own: the page falls back to English
    page = client.get(post.get_absolute_url(), **UK).text
    assert "Tea notes" in page and "Steep for <em>one</em> minute." in page
    assert "Tea notes" in client.get("/blog/", **UK).text


def test_an_ai_draft_is_stored_as_english_whatever_the_staff_members_language(staff_client):
    """The writers write English; a member of staff whose browser asks for Ukrainian still
    gets the draft in the English columns (and a Ukrainian page falls back to it)."""
    staff_client.post(
        reverse("admin:blog_post_write_with_ai"),
        {"topic": "Coffee at home", "keywords": "coffee", "tone": "practical", "length": "short"},
        **UK,
    )
    post = Post.objects.get()
    assert post.title_en.startswith("Coffee at home") and post.body_markdown_en
    assert (post.title_uk, post.body_markdown_uk) == (None, None)
    assert post.body_html_en.startswith("<")
