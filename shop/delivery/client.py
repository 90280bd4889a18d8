"""Nova Poshta's API 2.0, the two read-only calls the sync needs, over HTTP with a timeout.

Every call is a JSON POST to settings.NOVA_POSHTA_API_URL:
`{"apiKey", "modelName": "Address", "calledMethod", "methodProperties": {"Page", "Limit"}}`,
answered `{"success": bool, "data": [...], "errors": [...], "info": {"totalCount": N}}`.
A failure (network, HTTP status, `success: false`, not JSON) is a NovaPoshtaError whose text
never holds the key."""

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

PAGE_SIZE = 500


class NovaPoshtaError(Exception):
    pass


@dataclass(frozen=True)
class NovaPoshtaClient:
    api_key: str
    url: str
    timeout: float = 20.0
    page_size: int = PAGE_SIZE

    @classmethod
    def from_settings(cls) -> "NovaPoshtaClient | None":
        """The client for the configured key; None when no key is set."""
        if not settings.NOVA_POSHTA_API_KEY:
            return None
        return cls(
            api_key=settings.NOVA_POSHTA_API_KEY,
            url=settings.NOVA_POSHTA_API_URL,
            timeout=settings.NOVA_POSHTA_TIMEOUT,
        )

    def call(
        self, called_method: str, properties: dict[str, Any], *, model: str = "Address"
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """One call: (data, info)."""
        body = json.dumps(
            {
                "apiKey": self.api_key,
                "modelName": model,
                "calledMethod": called_method,
                "methodProperties": properties,
            }
        ).encode()
        if not self.url.startswith(("https://", "http://")):
            raise NovaPoshtaError("NOVA_POSHTA_API_URL must be an http(s) address")
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            self.url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (as above)
                answer = json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise NovaPoshtaError(f"{called_method}: HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise NovaPoshtaError(f"{called_method}: {type(error).__name__}") from None
        except ValueError:
            raise NovaPoshtaError(f"{called_method}: the answer is not JSON") from None
        if not isinstance(answer, dict) or not answer.get("success"):
            errors = answer.get("errors") if isinstance(answer, dict) else None
            raise NovaPoshtaError(f"{called_method}: {errors or 'not successful'}")
        data = answer.get("data") or []
        info = answer.get("info") or {}
        if not isinstance(data, list) or not isinstance(info, dict):
            raise NovaPoshtaError(f"{called_method}: unexpected answer")
        return data, info

    def pages(self, called_method: str, **properties: Any) -> Iterator[list[dict[str, Any]]]:
        """Every page of a listing, `Page` 1, 2, … of `page_size`, until a short page or
        `info.totalCount` items."""
        page, seen = 1, 0
        while True:
            data, info = self.call(
                called_method, {**properties, "Page": str(page), "Limit": str(self.page_size)}
            )
            if data:
                yield data
            seen += len(data)
            total = info.get("totalCount")
            if len(data) < self.page_size or (isinstance(total, int) and seen >= total):
                return
            page += 1

    def cities(self) -> Iterator[list[dict[str, Any]]]:
        return self.pages("getCities")

    def warehouses(self) -> Iterator[list[dict[str, Any]]]:
        return self.pages("getWarehouses")
