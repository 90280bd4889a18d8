"""Blog posts in Ukrainian and English: each language's page is rendered from that language's
Markdown, sanitised the same way, and a post written in one language still reads in the other."""

import pytest
from django.urls import reverse
from django.utils import translation

from blog.models import Post
from tests.blog.factories import PostFactory

# As in production: Ukrainian at the unprefixed URLs; English chosen (the cookie) goes to /en/.
pytestmark = [pytest.mark.django_db, pytest.mark.production_languages]

UK = {"HTTP_ACCEPT_LANGUAGE": "uk"}
EN = {"HTTP_COOKIE": "django_language=en", "follow": True}


def test_each_language_is_rendered_from_its_own_markdown_and_sanitised():
    post = PostFactory.create(
        body_markdown_uk="*Привіт* <script>alert(1)</script>",
        body_markdown_en="**Hello** <img src=x onerror=alert(1)>",
    )
    post.refresh_from_db()
    assert post.body_html_uk == "<p><em>Привіт</em> </p>"
    assert post.body_html_en == "<p><strong>Hello</strong> <img></p>"


def test_saving_only_one_languages_markdown_renders_that_language(client):
    post = PostFactory.create(body_markdown_uk="", body_markdown_en="English **only**.")
    post.body_markdown_uk = "Тепер і **українською**."
    post.save(update_fields=["body_markdown_uk"])
    stored = Post.objects.get(pk=post.pk)
    assert stored.body_html_uk == "<p>Тепер і <strong>українською</strong>.</p>"
    assert stored.body_html_en == "<p>English <strong>only</strong>.</p>"


def test_the_post_page_is_in_the_readers_language(client):
    post = PostFactory.create(
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
    with translation.override("en"):  # staff writing in English: the factory's text too
        post = PostFactory.create(title="Tea notes", body_markdown="Steep for *one* minute.")
    assert post.body_html_uk == ""  # nothing of its own: the page falls back to English
    page = client.get(post.get_absolute_url(), **UK).text
    assert "Tea notes" in page and "Steep for <em>one</em> minute." in page
    assert "Tea notes" in client.get("/blog/", **UK).text


@pytest.mark.parametrize(
    ("language", "browser", "title", "other"),
    [("en", UK, "Coffee at home", "uk"), ("uk", {"HTTP_ACCEPT_LANGUAGE": "en"}, "Кава", "en")],
)
def test_an_ai_draft_is_stored_in_the_language_staff_chose_whatever_their_browser(
    staff_client, language, browser, title, other
):
    """The offline writer (no key) writes in the chosen language; the draft lands in that
    language's columns, the other stays empty and shows it until translated."""
    staff_client.post(
        reverse("admin:blog_post_write_with_ai"),
        {"topic": title, "keywords": "coffee", "language": language, "tone": "practical"}
        | {"length": "short"},
        **browser,
    )
    post = Post.objects.get()
    assert getattr(post, f"title_{language}").startswith(title)
    assert getattr(post, f"body_markdown_{language}")
    assert getattr(post, f"body_html_{language}").startswith("<")
    assert (getattr(post, f"title_{other}"), getattr(post, f"body_markdown_{other}")) == (
        None,
        None,
    )
    template = "шаблонна чернетка" if language == "uk" else "template draft"
    assert template in getattr(post, f"title_{language}")
