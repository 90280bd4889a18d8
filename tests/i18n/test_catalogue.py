"""The Ukrainian catalogue is complete and current: every string the code marks is translated
(none fuzzy, placeholders intact), the .po lists nothing the code dropped, and the committed
.mo is exactly the compiled .po. `make messages` fixes what this finds (core/i18n_catalogue.py)."""

import shutil

from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext

from core.i18n_catalogue import (
    SOURCE_DIRS,
    catalogue_path,
    messages_check,
    messages_extract,
    messages_update,
)


def test_the_ukrainian_catalogue_is_complete_and_current():
    report = messages_check("uk")
    assert report.total > 300
    assert report.problems == []


def test_the_extraction_finds_strings_in_python_templates_and_plurals():
    ids = {m.id if isinstance(m.id, str) else m.id[0]: m for m in messages_extract() if m.id}
    assert "Add to cart" in ids  # {% translate %} in a template
    assert "Express delivery, 1–2 days" in ids  # gettext_lazy in Python only
    assert "Hello %(name)s," in ids  # {% blocktranslate with %} in an e-mail (.txt)
    assert "%(counter)s item in cart" in ids  # {% blocktranslate count %}: a plural
    assert ids["%(counter)s item in cart"].id[1] == "%(counter)s items in cart"


def test_django_reads_the_committed_catalogue_with_ukrainian_plurals():
    with translation.override("uk"):
        assert gettext("Add to cart") == "Додати до кошика"
        forms = [ngettext("%(counter)s product", "%(counter)s products", n) for n in (1, 3, 5, 21)]
    one, few, many = "%(counter)s товар", "%(counter)s товари", "%(counter)s товарів"
    assert forms == [one, few, many, one]


def test_the_check_fails_on_a_new_string_and_make_messages_adds_it(tmp_path, settings):
    """What the lead sees after merging a branch with new strings: the check names them;
    `manage.py messages` adds them untranslated (still failing) and recompiles."""
    shutil.copytree(settings.BASE_DIR / "templates", tmp_path / "templates")
    shutil.copytree(settings.BASE_DIR / "locale", tmp_path / "locale")
    (tmp_path / "templates" / "new.html").write_text(
        '{% load i18n %}<p>{% translate "Rate your delivery" %}</p>'
    )
    report = messages_check("uk", tmp_path)
    # A string no page of ours has (merged branches brought "Find my order", once the example).
    assert report.missing == ["Rate your delivery"]
    # Strings of the apps' Python files are not in this copy: the .po lists them as obsolete.
    assert "Express delivery, 1–2 days" in report.obsolete  # shop/delivery/shipping.py

    messages_update("uk", tmp_path)
    after = messages_check("uk", tmp_path)
    assert after.missing == [] and after.obsolete == [] and not after.mo_stale
    # Untranslated, or offered a similar string's translation marked fuzzy: either way the
    # check fails until a translator has written or confirmed it.
    assert after.untranslated + after.fuzzy == ["Rate your delivery"] and after.problems
    assert 'msgid "Rate your delivery"' in catalogue_path("uk", tmp_path).read_text()


def test_a_stale_mo_is_found(tmp_path, settings):
    shutil.copytree(settings.BASE_DIR / "locale", tmp_path / "locale")
    for name in SOURCE_DIRS:
        shutil.copytree(settings.BASE_DIR / name, tmp_path / name)
    assert messages_check("uk", tmp_path).problems == []
    po = catalogue_path("uk", tmp_path)
    po.write_text(po.read_text().replace('msgstr "Додати до кошика"', 'msgstr "До кошика"'))
    assert messages_check("uk", tmp_path).mo_stale


def test_the_command_checks_without_writing(capsys):
    call_command("messages", "--check")
    assert "uk: " in capsys.readouterr().out
