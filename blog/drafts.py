"""The draft a writer hands back, checked and fitted to the Post columns.

Every writer's answer goes through `draft_validate`, so whatever a model sends (too long,
wrong types, markup in the title) becomes either a Draft that saves cleanly or a DraftError
with a sentence staff can read.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from blog.models import Post, Tag, field_limit
from blog.rendering import plain_text

MAX_TAGS = 5
MAX_BODY_CHARS = 40_000
ELLIPSIS = "…"


class DraftError(Exception):
    """A writer could not produce a draft. `reason` is shown to staff: keep it plain and free
    of secrets and prompt text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Draft:
    title: str
    excerpt: str
    body_markdown: str
    meta_title: str
    meta_description: str
    tags: list[str] = field(default_factory=list)
    model: str = ""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


def fit(text: str, limit: int) -> str:
    """Cut to `limit` characters at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-–—") + ELLIPSIS


def _tags(value: list) -> list[str]:
    limit = field_limit(Tag, "name")
    names: list[str] = []
    for raw in value:
        name = plain_text(raw)[:limit].strip()
        if slugify(name) and slugify(name) not in {slugify(n) for n in names}:
            names.append(name)
    return names[:MAX_TAGS]


def draft_validate(
    data: object,
    *,
    model: str,
    prompt_tokens: int | None = None,
    completion_tokens: int | None = None,
) -> Draft:
    """Check an answer's shape and fit every field to its column, or raise DraftError."""
    if not isinstance(data, dict):
        raise DraftError("The AI answer was not a JSON object.")
    strings = ["title", "excerpt", "body_markdown", "meta_title", "meta_description"]
    wrong = [k for k in strings if k in data and not isinstance(data[k], str)]
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        wrong.append("tags")
    if wrong:
        raise DraftError(f"The AI answer has the wrong type for: {', '.join(wrong)}")

    title = plain_text(data.get("title", ""))
    excerpt = plain_text(data.get("excerpt", ""))
    body = (data.get("body_markdown") or "").strip()
    missing = [
        k for k, v in [("title", title), ("excerpt", excerpt), ("body_markdown", body)] if not v
    ]
    if missing:
        raise DraftError(f"The AI answer is missing: {', '.join(missing)}")

    # SEO fields fall back to the title and excerpt rather than failing the whole draft.
    meta_title = plain_text(data.get("meta_title", "")) or title
    meta_description = plain_text(data.get("meta_description", "")) or excerpt
    return Draft(
        title=fit(title, field_limit(Post, "title")),
        excerpt=fit(excerpt, field_limit(Post, "excerpt")),
        body_markdown=body[:MAX_BODY_CHARS],
        meta_title=fit(meta_title, field_limit(Post, "meta_title")),
        meta_description=fit(meta_description, field_limit(Post, "meta_description")),
        tags=_tags(tags),
        model=model,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )
