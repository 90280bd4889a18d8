"""`manage.py messages`: update and compile the interface's translations (`core.i18n_catalogue`).
`--check` changes nothing and exits 1 when a catalogue is not complete and current."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.i18n_catalogue import catalogue_languages, messages_check, messages_update


class Command(BaseCommand):
    help = (
        "Bring locale/<lang>/LC_MESSAGES/django.po up to date with the strings marked in the "
        "code and compile its .mo (no GNU gettext needed). --check only reports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; exit 1 if a string is untranslated, fuzzy, missing or "
            "obsolete, or a .mo is not its compiled .po.",
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        failed = []
        for language in catalogue_languages():
            if not check:
                messages_update(language)
            report = messages_check(language)
            problems = report.problems
            state = "OK" if not problems else "; ".join(problems)
            self.stdout.write(f"{language}: {report.total} messages, {state}")
            if problems:
                failed.append(language)
        if check and failed:
            raise CommandError(f"Translations not complete and current: {', '.join(failed)}.")
