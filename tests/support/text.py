"""Finding things in pages, e-mails and output."""

import re

from django.utils.functional import Promise


def match_in(pattern: str | re.Pattern[str], text: str | Promise, flags: int = 0) -> re.Match[str]:
    """The first match of `pattern` in `text`; the test fails, showing the text, without one."""
    match = re.search(pattern, str(text), flags)
    assert match is not None, f"{pattern!r} not found in:\n{text}"
    return match
