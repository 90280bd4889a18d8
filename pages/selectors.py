from pages.models import LegalPage, LegalPageKind


def legal_page_get(*, kind: str) -> LegalPage | None:
    """The page of that kind, or None (an unknown kind, or a page not written yet)."""
    if kind not in LegalPageKind.values:
        return None
    return LegalPage.objects.filter(kind=kind).first()


def legal_page_links() -> list[tuple[str, str]]:
    """(kind, label) of every information page, in the footer's order."""
    return [(kind.value, str(kind.label)) for kind in LegalPageKind]
