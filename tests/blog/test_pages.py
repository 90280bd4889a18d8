"""What shoppers see: the blog list, post pages, tags, feeds and the sitemap."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import PostStatus
from tests.accounts.factories import UserFactory
from tests.blog.factories import PostFactory, TagFactory
from tests.shop.factories import ProductFactory
from tests.support.text import match_in

pytestmark = pytest.mark.django_db


def listed(client, url: str | None = None) -> list[str]:
    response = client.get(url or reverse("blog:post_list"))
    assert response.status_code == 200
    return [p.title for p in response.context["page"].object_list]


def test_the_blog_lists_visible_posts_newest_first(client):
    now = timezone.now()
    PostFactory.create(title="Older", publish_at=now - timedelta(days=5))
    PostFactory.create(title="Newer", publish_at=now - timedelta(days=1))
    PostFactory.create(title="Draft", status=PostStatus.DRAFT, publish_at=None)
    PostFactory.create(title="Archived", status=PostStatus.ARCHIVED)
    assert listed(client) == ["Newer", "Older"]


def test_drafts_archived_and_future_posts_are_404(client):
    for status, publish_at in [
        (PostStatus.DRAFT, None),
        (PostStatus.ARCHIVED, timezone.now() - timedelta(days=1)),
        (PostStatus.PUBLISHED, timezone.now() + timedelta(days=1)),
    ]:
        post = PostFactory.create(status=status, publish_at=publish_at)
        assert client.get(post.get_absolute_url()).status_code == 404
    assert client.get("/blog/no-such-post/").status_code == 404


def test_a_scheduled_post_appears_at_its_time_with_nothing_run(client):
    publish_at = timezone.now() + timedelta(hours=1)
    post = PostFactory.create(
        title="Spring sale", status=PostStatus.SCHEDULED, publish_at=publish_at
    )
    assert listed(client) == []
    assert client.get(post.get_absolute_url()).status_code == 404

    with time_machine.travel(publish_at + timedelta(hours=1), tick=False):
        assert listed(client) == ["Spring sale"]
        assert client.get(post.get_absolute_url()).status_code == 200
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED  # visible by its time alone


def test_the_blog_paginates(client, settings):
    PostFactory.create_batch(settings.BLOG_PAGE_SIZE + 2)
    assert len(listed(client)) == settings.BLOG_PAGE_SIZE
    assert len(listed(client, "/blog/?page=2")) == 2
    assert client.get("/blog/?page=nope").status_code == 200


def test_tag_pages_list_that_tags_visible_posts(client):
    coffee = TagFactory.create(name="Coffee", slug="coffee")
    brewing = PostFactory.create(title="Brewing")
    brewing.tags.add(coffee)
    PostFactory.create(title="Hiking")
    hidden = PostFactory.create(title="Hidden", status=PostStatus.DRAFT, publish_at=None)
    hidden.tags.add(coffee)

    assert listed(client, coffee.get_absolute_url()) == ["Brewing"]
    assert client.get("/blog/tag/unknown/").status_code == 404
    assert "Coffee" in client.get(brewing.get_absolute_url()).text


def test_the_post_page_has_seo_open_graph_and_article_data(client):
    author = UserFactory.create(first_name="Olena", last_name="Koval")
    post = PostFactory.create(
        title="How to season cast iron",
        meta_title="Season cast iron in 4 steps",
        meta_description="Keep your skillet non-stick for decades.",
        body_markdown="## Steps\n\n1. Wash\n2. Dry",
        author=author,
        is_ai_generated=True,
    )
    html = client.get(post.get_absolute_url()).text

    assert "<title>Season cast iron in 4 steps · SmartShop AI</title>" in html
    assert '<meta name="description" content="Keep your skillet non-stick for decades.">' in html
    assert '<meta property="og:title" content="Season cast iron in 4 steps">' in html
    assert f'<meta property="og:url" content="http://testserver{post.get_absolute_url()}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "<h2>Steps</h2>" in html
    assert "Drafted with the help of AI" in html
    match = match_in(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Season cast iron in 4 steps"
    assert data["author"] == {"@type": "Person", "name": "Olena Koval"}
    assert post.publish_at is not None and data["datePublished"] == post.publish_at.isoformat()


def test_article_data_cannot_break_out_of_its_script_element(client):
    post = PostFactory.create(title="</script><script>alert(1)</script> & <!--")
    html = client.get(post.get_absolute_url()).text
    block = match_in(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["headline"] == post.title
    assert "<script>alert(1)" not in html


def test_ai_markup_in_the_body_renders_harmless(client, openai_stub, category):
    from blog.services import post_generation_job_create

    openai_stub.answer(
        {
            "title": "Harmless",
            "excerpt": "Nothing runs.",
            "body_markdown": (
                "Hello\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                "[x](javascript:alert(1)) <a href='JAVASCRIPT:alert(2)' onclick='alert(3)'>y</a>"
                "\n\n<iframe src='https://evil.example'></iframe>"
            ),
        }
    )
    job = post_generation_job_create(
        topic="XSS", tone="friendly", length="short", auto_publish=True
    )
    assert job.post is not None, job.error
    html = client.get(job.post.get_absolute_url()).text
    body = html.split('data-testid="post-body">')[1].split("</div>")[0]

    assert "Hello" in body
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe"):
        assert bad not in body.lower()


def test_the_feeds_list_visible_posts(client):
    PostFactory.create(title="Cast iron care", excerpt="Keep it seasoned.")
    PostFactory.create(title="Secret draft", status=PostStatus.DRAFT, publish_at=None)

    rss = client.get(reverse("blog:feed_rss"))
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Cast iron care</title>" in rss.text
    assert "Secret draft" not in rss.text

    atom = client.get(reverse("blog:feed_atom"))
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Cast iron care" in atom.text


def test_the_sitemap_lists_products_categories_and_posts(client, product):
    post = PostFactory.create()
    draft = PostFactory.create(status=PostStatus.DRAFT, publish_at=None)
    ProductFactory.create(slug="retired", is_active=False)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    # An index of sections (at most 50,000 URLs a page): every page of every section.
    sections = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml[^<]*)</loc>", response.text)
    assert {"/sitemap-products.xml", "/sitemap-categories.xml", "/sitemap-posts.xml"} <= set(
        sections
    )
    xml = "".join(client.get(section.replace("&amp;", "&")).text for section in sections)
    assert f"<loc>http://testserver{product.get_absolute_url()}</loc>" in xml
    assert f"<loc>http://testserver{product.category.get_absolute_url()}</loc>" in xml
    assert f"<loc>http://testserver{post.get_absolute_url()}</loc>" in xml
    assert draft.get_absolute_url() not in xml
    assert "/products/retired/" not in xml


def test_the_header_links_to_the_blog(client):
    assert 'href="/blog/"' in client.get("/").text


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def make_posts(count: int) -> list:
    posts = PostFactory.create_batch(count)
    for post in posts:
        post.tags.add(TagFactory.create(), TagFactory.create())
    return posts


def test_the_blog_list_takes_a_fixed_number_of_queries(client, settings):
    settings.BLOG_PAGE_SIZE = 50  # every post on one page, so 30 really are rendered
    make_posts(3)
    few = count_queries(client, reverse("blog:post_list"))
    make_posts(27)
    many = count_queries(client, reverse("blog:post_list"))
    assert few == many == 3  # count, posts, their tags


def test_a_post_page_takes_a_fixed_number_of_queries(client):
    few = count_queries(client, make_posts(3)[0].get_absolute_url())
    many = count_queries(client, make_posts(30)[0].get_absolute_url())
    assert few == many == 2  # the post with its author, its tags


def test_the_feeds_carry_the_excerpt_as_plain_text_never_markup(client):
    from xml.etree import ElementTree

    PostFactory.create(
        title="Beans", excerpt='<img src=x onerror="alert(1)">Fresh <b>beans</b> & 5 < 6'
    )
    rss = ElementTree.fromstring(client.get(reverse("blog:feed_rss")).content)  # noqa: S314 (our own feed)
    atom = ElementTree.fromstring(client.get(reverse("blog:feed_atom")).content)  # noqa: S314 (our own feed)
    summaries = [rss.findtext("channel/item/description")]
    summaries.append(atom.findtext("{http://www.w3.org/2005/Atom}entry/{*}summary"))
    # What a feed reader renders as HTML: text only, with the literal "&" and "<" escaped.
    assert summaries == ["Fresh beans &amp; 5 &lt; 6"] * 2
