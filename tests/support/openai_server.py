"""A local OpenAI-compatible HTTP server for tests: the real `openai` client talks to it over
HTTP, so requests, retries and timeouts are exercised for real, with no network and no mock.

Programmable per test: `answer(data)` for a good JSON answer, `answer_text(text)` for content
that is not JSON, `fail(status)` for 429/500, `hang()` for a server slower than any timeout.
Every request's headers and body are recorded.
"""

import json
import threading
import time
from dataclasses import dataclass

from tests.support.http_standin import HTTPStandIn, Reply, Request

# Longest a hanging request is held; teardown releases it sooner, so the suite never hangs.
HANG_LIMIT_SECONDS = 10


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def prompt(self) -> str:
        return "\n".join(m.get("content", "") for m in self.body.get("messages", []))


class OpenAIStub:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.release = threading.Event()
        self.answer({"title": "Hello", "excerpt": "Hi.", "body_markdown": "Hi."})
        self._server = HTTPStandIn(self._answer, protocol="HTTP/1.0", poll_interval=0.05)

    @property
    def base_url(self) -> str:
        return f"{self._server.url}/v1"

    def start(self) -> "OpenAIStub":
        self._server.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.stop()

    # --- what the next requests get ---------------------------------------------------------
    def answer(self, data: dict, *, usage: dict | None = None, model: str = "gpt-4o-mini") -> None:
        self.answer_text(json.dumps(data), usage=usage, model=model)

    def answer_text(
        self, content: str, *, usage: dict | None = None, model: str = "gpt-4o-mini"
    ) -> None:
        usage = usage or {"prompt_tokens": 321, "completion_tokens": 654}
        usage = {**usage, "total_tokens": usage["prompt_tokens"] + usage["completion_tokens"]}
        self.mode, self.status = "answer", 200
        self.payload = {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": usage,
        }

    def fail(self, status: int) -> None:
        self.mode, self.status = "fail", status
        self.payload = {"error": {"message": "stub failure", "type": "server_error"}}

    def hang(self) -> None:
        self.mode = "hang"

    def _answer(self, request: Request) -> Reply:
        if request.method != "POST":  # the API takes only POSTs
            return Reply(501, "", "text/plain")
        self.requests.append(
            Recorded(request.path, request.headers, json.loads(request.body or b"{}"))
        )
        if request.path != "/v1/chat/completions":
            return Reply(404, json.dumps({"error": {"message": "not found"}}))
        if self.mode == "hang":
            self.release.wait(HANG_LIMIT_SECONDS)
            return Reply(200, json.dumps({}))
        # A short Retry-After keeps the client's (real) retries fast in tests.
        extra = {"retry-after-ms": "20"} if self.status >= 400 else {}
        return Reply(self.status, json.dumps(self.payload), headers=extra)
