"""AI drafts in either language, against the local OpenAI-compatible server: the prompt asks
for the language, names and links the products in it, and the draft lands in its columns
(the other language left empty, showing this one until translated)."""

import pytest

from blog.models import JobStatus, PostPlan
from blog.services import plans_run_due, post_generate, post_generation_job_create
from tests.blog.factories import PostPlanFactory
from tests.shop.factories import CategoryFactory, ProductFactory

# As in production: Ukrainian pages unprefixed, English under /en/.
pytestmark = [pytest.mark.django_db, pytest.mark.production_languages]

UKRAINIAN = {
    "title": "П’ять способів заварити смачнішу каву",
    "excerpt": "Дрібні зміни — кращі чашки.",
    "body_markdown": "## Меліть свіжою\n\nСпробуйте [кавомолку](/products/burr-grinder/).",
    "tags": ["Кава", "Поради"],
    "meta_title": "Смачніша кава вдома",
    "meta_description": "П’ять простих способів заварити смачнішу каву вдома.",
}
ENGLISH = {
    "title": "Five ways to brew better coffee",
    "excerpt": "Small changes, better cups.",
    "body_markdown": "## Grind fresh\n\nTry the [Burr Grinder](/en/products/burr-grinder/).",
    "tags": ["Coffee"],
}


@pytest.fixture
def grinder(db):
    coffee = CategoryFactory.create(
        name_uk="Кава та чай", name_en="Coffee & Tea", slug="coffee-tea"
    )
    return ProductFactory.create(
        category=coffee, name_uk="Жорнова кавомолка", name_en="Burr Grinder", slug="burr-grinder"
    )


def draft(language: str):
    return post_generation_job_create(
        topic="Coffee at home",
        keywords="coffee",
        tone="friendly",
        length="short",
        language=language,
    )


def test_a_ukrainian_draft_is_asked_for_in_ukrainian_and_saved_in_ukrainian(openai_stub, grinder):
    openai_stub.answer(UKRAINIAN)
    job = draft("uk")
    assert job.status == JobStatus.DONE, job.error
    [sent] = openai_stub.requests
    assert "Write the whole post in Ukrainian" in sent.prompt
    assert "Language: Ukrainian (uk)" in sent.prompt
    # The products the post may link to, in Ukrainian, at their Ukrainian URLs.
    assert "Жорнова кавомолка (Кава та чай)" in sent.prompt
    assert "/products/burr-grinder/" in sent.prompt and "/en/products/" not in sent.prompt
    post = job.post
    assert post.title_uk == UKRAINIAN["title"] and post.excerpt_uk == UKRAINIAN["excerpt"]
    assert post.body_html_uk.startswith("<h2>Меліть свіжою</h2>")
    assert post.meta_description_uk == UKRAINIAN["meta_description"]
    assert (post.title_en, post.body_markdown_en, post.body_html_en) == (None, None, "")
    assert post.slug == "pyat-sposobiv-zavariti-smachnishu-kavu"  # Latin letters


def test_an_english_draft_is_asked_for_in_english_and_saved_in_english(openai_stub, grinder):
    openai_stub.answer(ENGLISH)
    job = draft("en")
    [sent] = openai_stub.requests
    assert "Write the whole post in English" in sent.prompt
    assert "Burr Grinder (Coffee & Tea): /en/products/burr-grinder/" in sent.prompt
    post = job.post
    assert post.title_en == ENGLISH["title"] and post.body_markdown_en == ENGLISH["body_markdown"]
    assert (post.title_uk, post.body_markdown_uk) == (None, None)


def test_the_offline_writer_writes_in_the_language_asked_for(grinder):
    ukrainian = draft("uk").post
    assert ukrainian.title_uk == "Coffee at home (шаблонна чернетка без ШІ)"
    assert "Шаблонна чернетка, створена без ШІ." in ukrainian.body_markdown_uk
    assert "[Жорнова кавомолка](/products/burr-grinder/)" in ukrainian.body_markdown_uk
    assert ukrainian.title_en is None
    english = draft("en").post
    assert english.title_en == "Coffee at home (template draft, written offline)"
    assert "[Burr Grinder](/en/products/burr-grinder/)" in english.body_markdown_en


def test_a_plan_drafts_in_its_own_language(openai_stub, grinder):
    openai_stub.answer(UKRAINIAN)
    plan = PostPlanFactory.create(language="uk")
    [job] = plans_run_due(now=plan.next_run_at)
    assert job.language == "uk"
    post_generate(job_id=job.pk)
    job.refresh_from_db()
    assert job.post is not None and job.post.title_uk == UKRAINIAN["title"]
    assert PostPlan.objects.get().language == "uk"
