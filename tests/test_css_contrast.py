"""Every text colour in static/css/site.css is readable on its background: a contrast ratio of
at least 4.5:1 (WCAG 2.x AA for normal text), computed from the stylesheet itself.

Each rule is read on its own, with var(--…) resolved from :root. A rule that sets a text
colour and a background is checked against that background (each stop of a gradient); one that
sets only a text colour, against the page's backgrounds (--bg and --surface), where such text
sits; one that sets only a background, against the page's text colour (--text), which its text
inherits. The stylesheet keeps to that: a rule giving text another background names the colour.
The e2e suite's axe-core run checks the rendered pages as well (tests/e2e/test_accessibility.py).
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "site.css"
MINIMUM = 4.5
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                declarations[name.strip()] = value.strip()
        found.append((" ".join(selector.split()), declarations))
    return found


def palette(found) -> dict[str, str]:
    root = next(d for s, d in found if s == ":root")
    return {name: value for name, value in root.items() if name.startswith("--")}


def resolve(value: str, variables: dict[str, str]) -> str:
    return re.sub(r"var\((--[\w-]+)\)", lambda m: resolve(variables[m.group(1)], variables), value)


def colour_pairs() -> list[tuple[str, str, str]]:
    """(selector, text colour, background colour) for every pair the stylesheet makes."""
    found = rules(CSS.read_text())
    variables = palette(found)
    page_backgrounds = [variables["--bg"], variables["--surface"]]
    pairs = []
    for selector, declarations in found:
        text = resolve(declarations.get("color", ""), variables)
        background = resolve(
            declarations.get("background", declarations.get("background-color", "")), variables
        )
        text_colours = HEX.findall(text)
        backgrounds = HEX.findall(background)
        if text_colours and backgrounds:
            pairs += [(selector, text_colours[0], b) for b in backgrounds]
        elif text_colours:
            pairs += [(selector, text_colours[0], b) for b in page_backgrounds]
        elif backgrounds and "color" not in declarations:
            pairs += [(selector, variables["--text"], b) for b in backgrounds]
    return pairs


def test_the_parser_finds_the_pairs_that_matter():
    pairs = {(s, t.lower(), b.lower()) for s, t, b in colour_pairs()}
    assert (".stock-in", "#0a7a5a", "#fff") in pairs
    assert (".hero", "#fff", "#6a3bca") in pairs
    assert (".message-success", "#1d2125", "#e8f6f0") in pairs
    assert len(pairs) > 50


@pytest.mark.parametrize(("selector", "text", "background"), colour_pairs())
def test_text_is_readable_on_its_background(selector, text, background):
    ratio = contrast(text, background)
    assert ratio >= MINIMUM, f"{selector}: {text} on {background} is {ratio:.2f}:1"


def test_in_stock_green_passes_now_and_failed_before():
    """The issue's case: the old "In stock" green was 3.44:1 on white."""
    assert round(contrast("#0f9d74", "#ffffff"), 2) == pytest.approx(3.45, abs=0.01)
    [(_selector, green, _bg), *_] = [p for p in colour_pairs() if p[0] == ".stock-in"]
    assert contrast(green, "#ffffff") >= MINIMUM
