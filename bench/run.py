"""Load benchmark: what does monitoring cost? One command:

    make bench            # or: .venv/bin/python bench/run.py [--duration 10] [--connections 16]

Setup: gunicorn from gunicorn.conf.py with production settings (DEBUG off) on a fresh local
PostgreSQL database, the demo catalogue, and wrk (Debian's package) on loopback. Each page is
measured three ways in the same run — Sentry off, Sentry on at traces 0.1 and at 1.0 (the DSN
points at a local envelope receiver) — after a warm-up, for a fixed duration and connection
count. Prints a table, writes bench/results/latest.json and the plots in docs/.
"""

import argparse
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.sentry_receiver import SentryReceiver  # noqa: E402

PYTHON = sys.executable
DB_NAME = "smartshop_bench"
MODES = [("off", None), ("traces 0.1", "0.1"), ("traces 1.0", "1.0")]
ADDRESS = {
    "email": "bench@example.com",
    "full_name": "Bench Shopper",
    "phone": "",
    "address_line1": "1 Load St",
    "address_line2": "",
    "city": "Kyiv",
    "postcode": "01001",
    "country": "Ukraine",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd: list[str], env: dict, **kwargs) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def prepare_database(env: dict) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB_NAME}", f"CREATE DATABASE {DB_NAME}"):
        run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], env)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)


class Server:
    def __init__(self, env: dict, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "smartshop.wsgi:application", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env | {"PORT": str(self.port)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not start; see {log}")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in out.stdout.split()]

    def peak_rss_mb(self) -> float:
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            if found := re.search(r"VmHWM:\s+(\d+) kB", status):
                peaks.append(int(found.group(1)) / 1024)
        return max(peaks)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def shopper_session(base: str, product_ids: list[int]) -> tuple[str, str]:
    """A session with three items in the cart, and its CSRF token, as cookie header values."""
    origin = base.replace("http://", "https://")
    headers = {"X-Forwarded-Proto": "https", "Origin": origin}
    with httpx.Client(base_url=base, headers=headers, follow_redirects=False) as http:
        page = http.get("/accounts/login/")
        csrf = page.cookies["csrftoken"]
        session = None
        for pid in product_ids:
            response = http.post(
                f"/cart/add/{pid}/",
                data={"quantity": 1, "csrfmiddlewaretoken": csrf},
                headers={
                    "Cookie": f"csrftoken={csrf}" + (f"; sessionid={session}" if session else "")
                },
            )
            assert response.status_code == 302, response.text[:500]
            session = response.cookies.get("sessionid") or session
        if session is None:
            raise RuntimeError("adding to the cart set no session cookie")
        return session, csrf


def wrk(
    base: str,
    path: str,
    *,
    method: str,
    body: str,
    headers: list[str],
    duration: int,
    connections: int,
    workdir: Path,
) -> dict:
    body_file = workdir / "body.txt"
    header_file = workdir / "headers.txt"
    body_file.write_text(body)
    header_file.write_text("\n".join(headers) + "\n")
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "wrk.lua"),
            base + path,
            "--",
            method,
            str(body_file) if body else "-",
            str(header_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout.split("RESULT ", 1)[1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", default="2", help="WEB_CONCURRENCY")
    args = parser.parse_args()

    if subprocess.run(["which", "wrk"], capture_output=True, check=False).returncode:
        sys.exit("wrk is missing: apt-get install wrk")
    workdir = ROOT / "bench" / "results"
    workdir.mkdir(exist_ok=True)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRY_", "DATABASE"))}
    base_env |= {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_CONCURRENCY": args.workers,
        "GUNICORN_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
    }
    print("Preparing the database (migrate, seed_demo, collectstatic)…", flush=True)
    prepare_database(base_env)

    results: dict[str, Any] = {"setup": vars(args) | {"cpus": os.cpu_count()}, "runs": []}
    for mode, rate in MODES:
        receiver = SentryReceiver(keep=False).start() if rate else None
        env = dict(base_env)
        if receiver and rate:
            env |= {"SENTRY_DSN": receiver.dsn, "SENTRY_TRACES_SAMPLE_RATE": rate}
        server = Server(env, workdir / f"gunicorn-{mode.replace(' ', '-')}.log")
        try:
            # A fresh database: the demo products are ids 1..40.
            session, csrf = shopper_session(server.base, [1, 2, 3])
            origin = server.base.replace("http://", "https://")
            common = ["X-Forwarded-Proto: https", f"Origin: {origin}"]
            shopper = [*common, f"Cookie: sessionid={session}; csrftoken={csrf}"]
            product_path = "/products/cast-iron-skillet-26-cm/"
            pages = [
                ("bare view", "/bench/bare/", "GET", "", common),
                ("catalogue", "/", "GET", "", common),
                ("product", product_path, "GET", "", common),
                ("cart", "/cart/", "GET", "", shopper),
                (
                    "checkout POST",
                    "/checkout/",
                    "POST",
                    f"csrfmiddlewaretoken={csrf}&" + str(httpx.QueryParams(ADDRESS)),
                    [*shopper, "Content-Type: application/x-www-form-urlencoded"],
                ),
            ]
            for page, path, method, body, headers in pages:
                load = partial(
                    wrk,
                    server.base,
                    path,
                    method=method,
                    body=body,
                    headers=headers,
                    connections=args.connections,
                    workdir=workdir,
                )
                load(duration=args.warmup)  # warm-up: connections, caches, lazy imports
                result = load(duration=args.duration)
                result |= {"page": page, "mode": mode}
                results["runs"].append(result)
                print(
                    f"{page:14} {mode:11} {result['rps']:8.1f} req/s  "
                    f"p50 {result['p50_us'] / 1000:6.1f} ms  p95 {result['p95_us'] / 1000:6.1f} ms"
                    f"  p99 {result['p99_us'] / 1000:6.1f} ms  bad {result['non_2xx_3xx']}",
                    flush=True,
                )
            results.setdefault("peak_rss_mb", {})[mode] = round(server.peak_rss_mb(), 1)
            if receiver:
                results.setdefault("envelopes", {})[mode] = receiver.requests
        finally:
            server.stop()
            if receiver:
                receiver.stop()

    (workdir / "latest.json").write_text(json.dumps(results, indent=2))
    from bench.report import report

    print(report(results))


if __name__ == "__main__":
    main()
