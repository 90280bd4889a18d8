"""axe-core in the browser tests: inject the vendored axe.min.js (tests/e2e/vendor/axe-core)
into a page and report its violations.

The script goes in through the DevTools protocol (`page.evaluate`), as the CSP listener does,
not as a <script> element: the page's Content-Security-Policy (no inline script) stays as
strict as a shopper gets it, and the suite's watch would report a violation if it were not.
"""

import base64
import hashlib
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

VERSION = "4.14.1"
SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# The SRI hash axe-core publishes for this version (its package's sri-history.json).
SHA256 = "KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
# What fails a page: issues axe rates serious or critical (contrast, names, labels, …).
FAILING_IMPACTS = ("serious", "critical")


@cache
def axe_source() -> str:
    data = SCRIPT.read_bytes()
    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    assert digest == SHA256, f"{SCRIPT} is not axe-core {VERSION} as published"
    return data.decode()


def axe_violations(page: Page) -> list[dict]:
    """Every axe violation on the page as it is now (all of axe's WCAG 2.x A/AA and
    best-practice rules)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    assert page.evaluate("axe.version") == VERSION
    result = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                             "wcag22aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return result["violations"]


def serious_violations(page: Page) -> list[str]:
    """The serious and critical violations, one readable line per element."""
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — {node['target']}"
        f" {node.get('failureSummary', '')!r}"
        for v in axe_violations(page)
        if v["impact"] in FAILING_IMPACTS
        for node in v["nodes"]
    ]
