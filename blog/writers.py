"""Who writes a draft: OpenAI when a key is configured, else an offline template writer.

Both take a DraftRequest and return a validated Draft, or raise DraftError with a reason for
staff. Nothing here touches the database; `blog.services` saves the result.
"""

import json
from dataclasses import dataclass
from typing import Protocol

import openai
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openai.types.chat import ChatCompletionMessageParam

from blog.drafts import Draft, DraftError, draft_validate
from blog.models import Length
from blog.selectors import CatalogueItem

OFFLINE_MODEL = "offline"
WORDS: dict[str, int] = {Length.SHORT: 400, Length.MEDIUM: 800, Length.LONG: 1200}
# Enough room for the words plus JSON, and a hard ceiling on what one draft can cost.
MAX_TOKENS: dict[str, int] = {Length.SHORT: 1200, Length.MEDIUM: 2200, Length.LONG: 3200}
MAX_RETRIES = 2


@dataclass(frozen=True)
class DraftRequest:
    topic: str
    keywords: list[str]
    tone: str
    length: str
    language: str  # a code of settings.LANGUAGES: the post is written in it
    products: list[CatalogueItem]


class Writer(Protocol):
    model: str

    def write(self, request: DraftRequest) -> Draft: ...


SYSTEM_PROMPT = (
    "You write helpful, honest blog posts for SmartShop AI, an online shop selling everyday "
    "goods for the kitchen, coffee and tea, home, office, outdoors and tech accessories. "
    "Answer with one JSON object and nothing else, with these keys: "
    '"title" (string, at most 70 characters), "excerpt" (string, one or two sentences), '
    '"body_markdown" (string, the post in Markdown with ## headings, no HTML), '
    '"tags" (array of up to 5 short strings), "meta_title" (string, at most 70 characters), '
    '"meta_description" (string, at most 160 characters). '
    "Only link to the shop products you are given, with their exact relative URLs. "
    "Do not invent products, prices or facts about them."
)


def language_name(code: str) -> str:
    """The language's name in English, for the prompt: "uk" → "Ukrainian"."""
    return translation.get_language_info(code)["name"]


def prompt_build(request: DraftRequest) -> str:
    products = "\n".join(f"- {p.name} ({p.category}): {p.url}" for p in request.products)
    keywords = ", ".join(request.keywords) or "none"
    language = language_name(request.language)
    return (
        f"Write the whole post in {language}: the title, excerpt, body, tags, meta title and "
        f"meta description, in natural {language} as a native writer would.\n"
        f"Language: {language} ({request.language})\n"
        f"Topic: {request.topic}\n"
        f"Keywords: {keywords}\n"
        f"Tone: {request.tone}\n"
        f"Length: about {WORDS.get(request.length, 800)} words\n"
        f"Products from our catalogue you may link to:\n{products or '- (none)'}"
    )


class OpenAIWriter:
    def __init__(self, *, api_key: str, model: str, base_url: str | None, timeout: float) -> None:
        self.api_key = api_key
        self.model = model
        self.base_url = base_url
        self.timeout = timeout

    def write(self, request: DraftRequest) -> Draft:
        # Bounded on every side: one timeout per attempt, two retries, then a clear failure.
        client = openai.OpenAI(
            api_key=self.api_key,
            base_url=self.base_url,
            timeout=self.timeout,
            max_retries=MAX_RETRIES,
        )
        try:
            messages: list[ChatCompletionMessageParam] = [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": prompt_build(request)},
            ]
            with client:
                response = client.chat.completions.create(
                    model=self.model,
                    messages=messages,
                    response_format={"type": "json_object"},
                    # max_completion_tokens: the bound that current models (reasoning ones
                    # too) accept; the older max_tokens is rejected by some of them.
                    max_completion_tokens=MAX_TOKENS.get(request.length, MAX_TOKENS[Length.MEDIUM]),
                )
        except openai.APITimeoutError as error:
            raise DraftError(f"OpenAI timed out after {self.timeout:g} s") from error
        except openai.RateLimitError as error:
            raise DraftError("OpenAI rate limit (429)") from error
        except openai.AuthenticationError as error:
            raise DraftError("OpenAI rejected the API key (401)") from error
        except openai.APIStatusError as error:
            if error.status_code >= 500:
                raise DraftError(f"OpenAI server error ({error.status_code})") from error
            raise DraftError(f"OpenAI refused the request ({error.status_code})") from error
        except openai.APIConnectionError as error:
            raise DraftError("Could not connect to OpenAI") from error
        except openai.OpenAIError as error:
            raise DraftError("The OpenAI answer could not be read") from error

        choice = response.choices[0] if response.choices else None
        content = choice.message.content if choice else None
        if choice is not None and choice.finish_reason == "length":
            raise DraftError("The AI answer was cut off at the token limit")
        if not content:
            raise DraftError("The AI answer was empty")
        try:
            data = json.loads(content)
        except ValueError as error:
            raise DraftError("The AI answer was not valid JSON") from error
        usage = response.usage
        return draft_validate(
            data,
            model=response.model or self.model,
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
        )


class OfflineWriter:
    """A clearly labelled template draft from the catalogue, for when there is no API key:
    the whole drafting flow still works locally and in tests, and staff see what to edit."""

    model = OFFLINE_MODEL

    def write(self, request: DraftRequest) -> Draft:
        # In the language asked for: the template's words are the shop's translations.
        with translation.override(request.language):
            return draft_validate(self._template(request), model=OFFLINE_MODEL)

    def _template(self, request: DraftRequest) -> dict:
        topic = request.topic
        lines = [
            "> **"
            + _("Template draft, written offline.")
            + "** "
            + _(
                "No AI model was configured (OPENAI_API_KEY is not set), so this is a "
                "starting point to edit, not a finished post."
            ),
            "",
            f"## {topic}",
            "",
            _("A few things from our shop that fit “%(topic)s”:") % {"topic": topic},
            "",
        ]
        lines += [
            f"- [{p.name}]({p.url}) — "
            + _("from our %(category)s range") % {"category": p.category}
            for p in request.products
        ]
        lines += ["", "## " + _("Our tips"), "", _("Write your own advice here before publishing.")]
        return {
            "title": _("%(topic)s (template draft, written offline)") % {"topic": topic},
            "excerpt": _("A template draft about %(topic)s, with products from our shop.")
            % {"topic": topic},
            "body_markdown": "\n".join(lines),
            "tags": request.keywords,
        }


def writer_get() -> Writer:
    if not settings.OPENAI_API_KEY:
        return OfflineWriter()
    return OpenAIWriter(
        api_key=settings.OPENAI_API_KEY,
        model=settings.OPENAI_MODEL,
        base_url=settings.OPENAI_BASE_URL or None,
        timeout=settings.OPENAI_TIMEOUT,
    )
