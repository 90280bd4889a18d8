"""Folding text for Nova Poshta look-ups: case, apostrophes and spaces, so «київ», «Київ» and
«КИЇВ» find Київ, and «Кам'янець» finds «Кам’янець». Pure; used when rows are written and
when they are searched."""

import re

APOSTROPHES = re.compile(r"[\u0027\u2019\u02bc\u02b9\u0060\u00b4]")
SPACES = re.compile(r"\s+")


def search_fold(text: str) -> str:
    return SPACES.sub(" ", APOSTROPHES.sub("'", text.casefold())).strip()
