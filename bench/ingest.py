"""The Sentry ingest stand-in for the load benchmark: as cheap as an HTTP/1.1 server can be,
because it shares the machine's cores with what is measured.

    python bench/ingest.py        # prints "PORT <n>", then serves until SIGTERM

One process (its CPU is measured on its own) with one thread per keep-alive connection (the
SDK of each gunicorn worker keeps one or two open) doing blocking reads. It reads each
request's body by Content-Length, counts it and answers 200 `{}`: it never decompresses or
parses an envelope. `GET /count` returns the counts as JSON. Measured on the bench machine
(2–20 KB envelopes, one connection): about 50 µs of CPU per envelope here, 85 µs for an
asyncio version, 90–115 µs for tests/support/sentry_receiver.py (ThreadingHTTPServer,
keep=False), which tests that need to see what was sent still use.
"""

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx

OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
UNSUPPORTED = b"HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
CHUNK = 256 * 1024
KINDS = ("envelopes", "other_posts", "bytes", "unsupported")
# Each connection's thread counts in a dict of its own (no lock on the hot path).
COUNTERS: list[dict[str, int]] = []


def serve_connection(conn: socket.socket) -> None:
    counts = dict.fromkeys(KINDS, 0)
    COUNTERS.append(counts)
    with conn:
        buffer = b""
        while True:
            end = buffer.find(b"\r\n\r\n")
            while end < 0:
                chunk = conn.recv(CHUNK)
                if not chunk:
                    return
                buffer += chunk
                end = buffer.find(b"\r\n\r\n")
            head = buffer[:end].lower()
            if b"\r\ntransfer-encoding:" in head:  # the SDK always sends a length
                counts["unsupported"] += 1
                conn.sendall(UNSUPPORTED)
                return
            length = _content_length(head)
            body_start = end + 4
            need = length - (len(buffer) - body_start)
            buffer = buffer[body_start + length :] if need <= 0 else b""
            while need > 0:  # read the rest of the body without keeping it
                chunk = conn.recv(min(need, CHUNK))
                if not chunk:
                    return
                need -= len(chunk)
            method, path = head.split(b" ", 2)[:2]
            if method == b"get" and path == b"/count":
                body = json.dumps({k: sum(c[k] for c in COUNTERS) for k in KINDS}).encode()
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                )
            else:
                counts["envelopes" if path.endswith(b"/envelope/") else "other_posts"] += 1
                counts["bytes"] += length
                conn.sendall(OK)
            if b"\r\nconnection: close" in head:
                return


def _content_length(head: bytes) -> int:
    start = head.find(b"\r\ncontent-length:")
    if start < 0:
        return 0
    start += len(b"\r\ncontent-length:")
    end = head.find(b"\r\n", start)
    return int(head[start : end if end >= 0 else None])


def serve() -> None:
    """Until SIGTERM (its default action ends the process)."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    print("PORT", listener.getsockname()[1], flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve_connection, args=(conn,), daemon=True).start()


class IngestProcess:
    """Run the stand-in in its own process (from bench/run.py and the tests)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None  # stdout=PIPE
        self.stdout = self.process.stdout
        line = self.stdout.readline()
        if not line.startswith("PORT "):
            self.process.kill()
            raise RuntimeError(f"the ingest stand-in did not start: {line!r}")
        self.port = int(line.split()[1])
        self.pid = self.process.pid

    @property
    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.port}/42"

    def counts(self) -> dict[str, int]:
        return httpx.get(f"http://127.0.0.1:{self.port}/count", timeout=5).json()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.stdout.close()


if __name__ == "__main__":
    serve()
