"""A real HTTP server that receives Sentry envelopes, for tests that check what goes over the
wire. It listens on 127.0.0.1 at a random port, decodes gzip, deflate and brotli bodies, and
keeps both the raw (decompressed) bytes and the parsed items.

Browsers (tests/e2e) may send to it too: it answers with CORS headers, as Sentry's ingest does.

Modes, for outage tests: "ok" (200), "error" (500), "rate_limited" (429 with Retry-After),
"hang" (accepts the connection, reads the request, never answers until the server stops)."""

import gzip
import json
import threading
import time
import uuid
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli


@dataclass
class Envelope:
    path: str
    headers: dict
    raw: bytes
    items: list[tuple[dict, object]] = field(default_factory=list)

    def of_type(self, kind: str) -> list:
        return [payload for header, payload in self.items if header.get("type") == kind]


def parse_envelope(body: bytes) -> tuple[dict, list[tuple[dict, object]]]:
    header_line, _, rest = body.partition(b"\n")
    items = []
    while rest.strip():
        item_line, _, rest = rest.partition(b"\n")
        item_header = json.loads(item_line)
        length = item_header.get("length")
        if length is None:
            payload, _, rest = rest.partition(b"\n")
        else:
            payload, rest = rest[:length], rest[length + 1 :]
        try:
            items.append((item_header, json.loads(payload)))
        except ValueError:
            items.append((item_header, payload))
    return json.loads(header_line), items


def decompress(body: bytes, encoding: str) -> bytes:
    encoding = (encoding or "").lower()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    return body


class SentryReceiver:
    def __init__(self, *, keep: bool = True) -> None:
        # keep=False only counts requests (the load benchmark, outage timings): decoding
        # costs CPU that a real, remote Sentry would not take from the shop.
        self.keep = keep
        self.retry_after = 60
        self.envelopes: list[Envelope] = []
        self.security_reports: list[dict] = []
        self.encodings: list[str] = []
        self.mode = "ok"
        self.requests = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.port}/42"

    def start(self) -> "SentryReceiver":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    # --- what arrived -------------------------------------------------------------------
    def items(self, kind: str) -> list:
        with self._lock:
            return [p for e in self.envelopes for p in e.of_type(kind)]

    def events(self) -> list[dict]:
        return self.items("event")

    def transactions(self) -> list[dict]:
        return self.items("transaction")

    def raw(self) -> bytes:
        with self._lock:
            return b"\n".join(e.raw for e in self.envelopes)

    def wait_for(self, predicate, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = predicate()
            if result:
                return result
            time.sleep(0.05)
        return predicate()

    def _store(self, path: str, headers, body: bytes) -> None:
        encoding = headers.get("Content-Encoding", "")
        raw = decompress(body, encoding)
        with self._lock:
            self.encodings.append(encoding)
            if "/security/" in path:
                self.security_reports.append(json.loads(raw or b"{}"))
            else:
                envelope_headers, items = parse_envelope(raw)
                self.envelopes.append(Envelope(path, envelope_headers, raw, items))

    def _handler(receiver):  # the closure's "self" is the receiver
        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as a real ingest server: the SDK reuses its connection.
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_OPTIONS(self) -> None:
                """A browser's CORS preflight, answered as Sentry's ingest does."""
                self.send_response(200)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", "*")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests += 1
                if receiver.mode == "hang":
                    receiver._stop.wait(60)
                    self.close_connection = True
                    return
                if receiver.keep:
                    receiver._store(self.path, self.headers, body)
                status = {"error": 500, "rate_limited": 429}.get(receiver.mode, 200)
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", str(receiver.retry_after))
                reply = json.dumps({"id": uuid.uuid4().hex}).encode()
                # As Sentry's ingest answers browsers: any origin may read the reply.
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

        return Handler
