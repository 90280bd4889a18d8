"""The HTTP plumbing the local API stand-ins share (Stripe, monobank, Nova Poshta, OpenAI): a
real server on 127.0.0.1 at a free port, served from a daemon thread, that hands each
request to the stand-in and writes back what it answers.

    server = HTTPStandIn(answer).start()   # answer(Request) -> Reply
    server.url                             # http://127.0.0.1:<port>
    server.stop()

A stand-in decides everything a client can see (status, body, content type, headers); this
module only reads the body and writes the answer with its Content-Length.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # as sent, with its query string
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes | str = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


Answer = Callable[[Request], Reply]


class HTTPStandIn:
    """`protocol` "HTTP/1.1" keeps connections open between requests, as the real services do;
    "HTTP/1.0" closes each one after its answer."""

    def __init__(
        self, answer: Answer, *, protocol: str = "HTTP/1.1", poll_interval: float = 0.5
    ) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(answer, protocol))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": poll_interval}, daemon=True
        )

    def start(self) -> "HTTPStandIn":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)


def _handler(answer: Answer, protocol: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = protocol

        def log_message(self, *args) -> None:
            pass  # keep test output clean

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {name.lower(): value for name, value in self.headers.items()}
            reply = answer(Request(self.command, self.path, headers, body))
            data = reply.body.encode() if isinstance(reply.body, str) else reply.body
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (a timeout) and closed the connection

        do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = _handle

    return Handler
