"""Markdown rendering, sanitising and fitting, as pure functions."""

import json

import pytest
from django.template import Context, Template

from blog.drafts import fit
from blog.rendering import markdown_render, plain_text
from tests.blog.factories import PostFactory


def test_normal_markdown_survives_sanitising():
    html = markdown_render(
        "## Title\n\n- one\n- two\n\n> quoted\n\n`code` and [shop](/products/x/) "
        "![pic](https://img.example/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    for part in (
        "<h2>Title</h2>",
        "<li>one</li>",
        "<blockquote>",
        "<code>code</code>",
        '<a href="/products/x/" rel="noopener nofollow">shop</a>',
        '<img alt="pic" src="https://img.example/a.png">',
        "<td>1</td>",
    ):
        assert part in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<a href='JaVaScRiPt:alert(1)'>x</a>",
        "<svg onload=alert(1)>",
        "<iframe src='https://evil.example'></iframe>",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_attacks_are_removed(attack):
    html = markdown_render(attack).lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "data:"):
        assert bad not in html
    assert "style=" not in html


def test_plain_text_strips_markup_and_decodes_entities():
    assert plain_text("<b>Tea</b> &amp; <i>coffee</i>\n  guide") == "Tea & coffee guide"
    assert plain_text("&lt;script&gt;alert(1)&lt;/script&gt;") == "alert(1)"


def test_fit_cuts_at_a_word_with_an_ellipsis():
    assert fit("short", 10) == "short"
    assert fit("a quick brown fox jumps", 12) == "a quick…"
    assert len(fit("x" * 500, 70)) == 70


def test_ld_json_escapes_like_json_script():
    out = Template("{% load seo %}{{ data|ld_json }}").render(
        Context({"data": {"headline": "</script><!-- & é"}})
    )
    assert out.startswith('<script type="application/ld+json">')
    inner = out.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not {"<", ">", "&"} & set(inner)
    assert json.loads(inner) == {"headline": "</script><!-- & é"}


@pytest.mark.django_db
def test_body_html_is_rendered_on_save_even_with_update_fields():
    post = PostFactory.create(body_markdown="*one*")
    assert post.body_html == "<p><em>one</em></p>"
    post.body_markdown = "**two**"
    post.save(update_fields=["body_markdown"])
    post.refresh_from_db()
    assert post.body_html == "<p><strong>two</strong></p>"
