from django.db import transaction

from pages.defaults import EN, UK
from pages.models import LegalPage


@transaction.atomic
def legal_pages_seed() -> int:
    """Creates every information page that does not exist yet from the default texts, in
    both languages; an existing page (edited by staff or not) is left alone. Returns how many
    were created."""
    created = 0
    for kind, (title_uk, body_uk) in UK.items():
        if LegalPage.objects.filter(kind=kind).exists():
            continue
        title_en, body_en = EN[kind]
        LegalPage(
            kind=kind,
            title_uk=title_uk,
            title_en=title_en,
            body_markdown_uk=body_uk,
            body_markdown_en=body_en,
        ).save()
        created += 1
    return created
