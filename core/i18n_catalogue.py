"""The interface's message catalogue, kept without GNU gettext (Render's Python has none).

What Django's `makemessages` and `compilemessages` do, in Python (Django's own extraction,
Babel to merge and compile): `manage.py messages` brings `locale/<lang>/LC_MESSAGES/django.po`
up to date and compiles the committed `.mo`; `manage.py messages --check` fails when a marked
string has no translation, is fuzzy or differs in placeholders, the .po has a string the code
no longer has, or the .mo is not the .po's. Every language of settings.LANGUAGES has a
catalogue except English, the strings' own. More: docs/languages.md.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation.template import templatize

SOURCE_LANGUAGE = "en"  # the language of the msgids
DOMAIN = "django"
# Where our strings live: the apps and the project's templates. Not tests, tools or migrations.
SOURCE_DIRS = ("accounts", "blog", "core", "monitoring", "pages", "shop", "smartshop", "templates")
SKIP_DIRS = {"migrations", "__pycache__"}
TEMPLATE_SUFFIXES = {".html", ".txt"}
# Django's gettext functions, as makemessages passes them to xgettext (Babel's notation:
# argument positions, (n, "c") for the context).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators",)
HEADER = "SmartShop AI: the interface in {language}. Updated by `make messages`."


def _sources(base: Path) -> Iterator[Path]:
    for top in SOURCE_DIRS:
        for path in sorted((base / top).rglob("*")):
            if SKIP_DIRS & set(path.relative_to(base).parts) or not path.is_file():
                continue
            in_templates = "templates" in path.relative_to(base).parts
            if path.suffix == ".py" or (in_templates and path.suffix in TEMPLATE_SUFFIXES):
                yield path


def messages_extract(base: Path | None = None) -> Catalog:
    """Every string the code marks for translation, with the files it is in."""
    base = base or Path(settings.BASE_DIR)
    template = Catalog(domain=DOMAIN, project="SmartShop AI", fuzzy=False)
    for path in _sources(base):
        source = path.read_text(encoding="utf-8")
        if path.suffix != ".py":
            source = templatize(source, origin=str(path))
        found = extract(
            "python",
            io.BytesIO(source.encode("utf-8")),
            keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        location = path.relative_to(base).as_posix()
        for lineno, message, comments, context in found:
            template.add(
                message, locations=[(location, lineno)], auto_comments=comments, context=context
            )
    return template


def catalogue_path(language: str, base: Path | None = None, suffix: str = "po") -> Path:
    base = base or Path(settings.BASE_DIR)
    return base / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


def catalogue_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def catalogue_read(language: str, base: Path | None = None) -> Catalog:
    path = catalogue_path(language, base)
    if not path.exists():
        return Catalog(
            locale=language,
            domain=DOMAIN,
            header_comment=_header(language),
            project="SmartShop AI",
            version="1",
            language_team=f"SmartShop AI <{language}>",
            last_translator="SmartShop AI team",
            msgid_bugs_address="",
            fuzzy=False,  # a fuzzy header would be left out of the .mo, plural rules and all
        )
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def _header(language: str) -> str:
    return "# " + HEADER.format(language=get_language_info(language)["name"])


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalogue, as gettext (and Django) reads it; fuzzy entries left out."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # File names without line numbers: moving code does not touch the catalogue.
    write_po(buffer, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def messages_update(language: str, base: Path | None = None) -> Catalog:
    """Merge the code's strings into the language's .po (new ones untranslated, changed ones
    offered their old translation marked fuzzy, removed ones dropped) and compile its .mo.
    Returns the catalogue written."""
    catalog = catalogue_read(language, base)
    # Dates stay as they were: no churn in the diff when nothing changed.
    catalog.update(messages_extract(base), update_header_comment=False, update_creation_date=False)
    catalog.header_comment = _header(language)
    catalog.revision_date = catalog.creation_date
    catalog.fuzzy = False
    po = catalogue_path(language, base)
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_bytes(po_bytes(catalog))
    # Compiled from the file as written, so --check compares like with like.
    catalogue_path(language, base, "mo").write_bytes(mo_bytes(catalogue_read(language, base)))
    return catalog


@dataclass
class CatalogueReport:
    language: str
    total: int = 0
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the code, not in the .po
    obsolete: list[str] = field(default_factory=list)  # in the .po, not in the code
    placeholder_errors: list[str] = field(default_factory=list)
    mo_stale: bool = False

    @property
    def problems(self) -> list[str]:
        found = []
        for label, items in (
            ("untranslated", self.untranslated),
            ("fuzzy", self.fuzzy),
            ("in the code but not in the .po (run `make messages`)", self.missing),
            ("in the .po but no longer in the code (run `make messages`)", self.obsolete),
            ("with wrong placeholders", self.placeholder_errors),
        ):
            if items:
                shown = "; ".join(repr(i) for i in items[:10])
                found.append(f"{len(items)} {label}: {shown}")
        if self.mo_stale:
            found.append("the .mo is not the compiled .po (run `make messages`)")
        return found


def _key(message_id: str | tuple[str, ...] | list[str], context: str | None) -> str:
    text = message_id if isinstance(message_id, str) else message_id[0]
    return f"{context}\x04{text}" if context else text


def messages_check(language: str, base: Path | None = None) -> CatalogueReport:
    """What is wrong with the language's catalogue, if anything (see the module docstring)."""
    report = CatalogueReport(language)
    catalog = catalogue_read(language, base)
    in_po = {_key(m.id, m.context): m for m in catalog if m.id}
    in_code = {_key(m.id, m.context) for m in messages_extract(base) if m.id}
    report.total = len(in_po)
    report.missing = sorted(in_code - in_po.keys())
    report.obsolete = sorted(in_po.keys() - in_code)
    for key, message in in_po.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            report.fuzzy.append(key)
        elif not all(strings):
            report.untranslated.append(key)
    for message, errors in catalog.check():
        report.placeholder_errors.append(f"{_key(message.id, message.context)}: {errors[0]}")
    mo = catalogue_path(language, base, "mo")
    report.mo_stale = not mo.exists() or mo.read_bytes() != mo_bytes(catalog)
    return report
