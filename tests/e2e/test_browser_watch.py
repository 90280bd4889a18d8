"""The journeys' "no CSP violation, no console error" only means something if the pages carry a
policy and the watch (conftest.py) really sees violations and errors. Both are checked here."""

import pytest

from tests.e2e.conftest import PageProblems, watched_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROBE = """<!doctype html><html lang="en"><title>probe</title>
<script>document.title = "inline script ran";</script>
<img src="/static/no-such-picture.png" alt="">
"""


def test_shop_pages_are_served_under_a_content_security_policy(page):
    response = page.goto("/")
    assert response is not None and response.ok
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, policy


def test_the_watch_sees_a_csp_violation_and_a_failed_load(browser, live_server):
    problems = PageProblems()
    page = watched_page(browser, base_url=live_server.url, device="desktop", problems=problems)
    try:
        # A page that breaks its own policy (an inline script) and links a missing picture.
        page.route(
            "**/watch-probe/",
            lambda route: route.fulfill(
                content_type="text/html",
                headers={"Content-Security-Policy": "script-src 'self'"},
                body=PROBE,
            ),
        )
        with page.expect_console_message(lambda m: "404" in m.text):
            page.goto("/watch-probe/")
        page.wait_for_function("window.__e2eCspViolations >= 1")
        assert page.title() == "probe"  # the policy held: the inline script never ran
    finally:
        page.context.close()
    found = "\n".join(problems.found)
    assert "CSP violation: script-src-elem blocked inline" in found
    assert "violates the following Content Security Policy" in found  # and the console
    assert "status of 404" in found
