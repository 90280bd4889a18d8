import re

import httpx
import pytest


class Browser:
    """A shopper's browser against the live server: cookies, CSRF tokens, no redirects."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, follow_redirects=False, timeout=15)

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.http.get(url, **kwargs)

    def post(self, url: str, data: dict | None = None, **kwargs) -> httpx.Response:
        if "csrftoken" not in self.http.cookies:
            self.get("/accounts/login/")
        form = {"csrfmiddlewaretoken": self.http.cookies["csrftoken"], **(data or {})}
        return self.http.post(url, data=form, **kwargs)

    def cookie(self, name: str) -> str:
        return self.http.cookies[name]

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.fixture
def browser(live_server):
    b = Browser(live_server.url)
    yield b
    b.close()


def error_reference(html: str) -> str | None:
    match = re.search(r'data-testid="error-reference">([0-9a-f]{32})<', html)
    return match.group(1) if match else None
