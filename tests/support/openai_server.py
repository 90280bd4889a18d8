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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


class _StubServer(ThreadingHTTPServer):
    stub: "OpenAIStub"


class OpenAIStub:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.release = threading.Event()
        self.answer({"title": "Hello", "excerpt": "Hi.", "body_markdown": "Hi."})
        self._server = _StubServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.stub = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def start(self) -> "OpenAIStub":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

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


class _Handler(BaseHTTPRequestHandler):
    server: _StubServer

    def do_POST(self) -> None:
        stub: OpenAIStub = self.server.stub
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        stub.requests.append(
            Recorded(
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=json.loads(raw or b"{}"),
            )
        )
        if self.path != "/v1/chat/completions":
            self._send(404, {"error": {"message": "not found"}})
        elif stub.mode == "hang":
            stub.release.wait(HANG_LIMIT_SECONDS)
            self._send(200, {})
        else:
            # A short Retry-After keeps the client's (real) retries fast in tests.
            extra = {"retry-after-ms": "20"} if stub.status >= 400 else {}
            self._send(stub.status, stub.payload, extra)

    def _send(self, status: int, payload: dict, headers: dict | None = None) -> None:
        body = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout) and closed the connection

    def log_message(self, format: str, *args) -> None:
        pass  # keep test output clean
