"""Markdown to safe HTML, and plain text from anything. Post bodies come from staff and from an
AI model, so both are treated as untrusted: Markdown may carry raw HTML, and nh3 keeps only
the tags and attributes normal Markdown output needs."""

import html
import re

import markdown
import nh3
from django.utils.html import strip_tags

TAGS = {
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("a", "img", "strong", "em", "b", "i", "del", "s", "sup", "sub", "abbr"),
    *("code", "pre", "kbd"),
    *("table", "thead", "tbody", "tr", "th", "td"),
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "abbr": {"title"},
}
# Relative links (to our own products) pass; any other scheme, javascript: included, is dropped.
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener nofollow"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Images only from http(s): no data: or relative tricks. Must never raise (nh3 swallows it).
    if tag == "img" and attribute == "src":
        return value if value.lower().startswith(("https://", "http://")) else None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=URL_SCHEMES,
    link_rel=LINK_REL,
)


def markdown_render(text: str) -> str:
    """Markdown → sanitised HTML, ready to print with `|safe`."""
    raw = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return _cleaner.clean(raw)


_spaces = re.compile(r"\s+")


def plain_text(value: str) -> str:
    """One line of text with no markup: tags stripped, entities decoded, spaces collapsed.
    Templates escape it on output, so a literal `<` left here is harmless."""
    return _spaces.sub(" ", strip_tags(html.unescape(strip_tags(value)))).strip()
