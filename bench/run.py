"""Load benchmark: what each page costs, and what monitoring adds. One command:

    make bench      # = .venv/bin/python bench/run.py $(BENCH_ARGS); see --help

Setup: gunicorn from gunicorn.conf.py with production settings (DEBUG off) on a fresh local
PostgreSQL database, the demo catalogue, and wrk (Debian's package) on loopback. Each page
(bench/pages.py) is measured in each mode — Sentry off; our set-up at traces 0.1, 0.0 and
(with --traces-1) 1.0; a stock Sentry set-up at 0.1 (bench/settings_stock.py) — after a
warm-up, for a fixed duration and connection count. Besides throughput and latency, every run
records the CPU time the gunicorn workers spent (from /proc, bench/cpu.py) per request it
completed, and the CPU of the master, the ingest stand-in (bench/ingest.py), PostgreSQL's
backends and wrk. Any response other than the page's expected one fails the run.

Writes bench/results/latest.json, then the report (bench/report.py): bench/results/latest.md
and plots, or with --docs the results section and plots of docs/performance.md.

--sdk3 PYTHON adds the stock set-up on sentry-sdk 3.x (gunicorn run by that Python, a venv
with the same requirements and the 3.x SDK) beside 2.x, each against its own "off".
--at-size measures the shop at two sizes instead (bench/scale.py: in-process, no wrk), on
databases filled by `manage.py seed_scale`; with --docs it writes docs/performance.md's
"At size" table.
"""

import argparse
import json
import os
import platform
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import TICK_MS, cpu_ms, group_ticks, machine_busy_ticks, settle  # noqa: E402
from bench.ingest import IngestProcess  # noqa: E402
from bench.pages import PAGES, Client, Page, PageError, shopper  # noqa: E402
from bench.report import docs_section_write, report  # noqa: E402
from bench.scale import DEFAULT_SIZES, at_size  # noqa: E402
from bench.scale import render as render_at_size  # noqa: E402

PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
# docs/performance.md's "At size" table, written by --at-size --docs.
SCALE_START, SCALE_END = "<!-- bench:scale -->", "<!-- /bench:scale -->"


@dataclass(frozen=True)
class Mode:
    key: str  # for --modes
    name: str  # in the report
    rate: str | None = None  # traces sample rate; None: Sentry off
    stock: bool = False  # a stock set-up instead of ours
    sdk3: bool = False  # run by --sdk3's Python, with sentry-sdk 3.x

    def env(self, dsn: str) -> dict[str, str]:
        if self.rate is None:
            return {}
        if self.stock:
            return {
                "DJANGO_SETTINGS_MODULE": "bench.settings_stock",
                "BENCH_STOCK_SENTRY_DSN": dsn,
                "BENCH_STOCK_TRACES_SAMPLE_RATE": self.rate,
            }
        return {"SENTRY_DSN": dsn, "SENTRY_TRACES_SAMPLE_RATE": self.rate}


MODES = [
    Mode("off", "off"),
    Mode("ours-0.1", "ours 0.1", "0.1"),
    Mode("ours-0.0", "ours 0.0", "0.0"),
    Mode("stock-0.1", "stock 0.1", "0.1", stock=True),
    Mode("ours-1.0", "ours 1.0", "1.0"),  # with --traces-1: the longest mode
    # With --sdk3: the stock set-up on sentry-sdk 2.x and 3.x, side by side (our set-up does
    # not run on 3.x: docs/performance.md, "Sentry 2.x or 3.x").
    Mode("stock-0.0", "stock 0.0", "0.0", stock=True),
    Mode("off-3", "3.x off", sdk3=True),
    Mode("stock3-0.1", "3.x stock 0.1", "0.1", stock=True, sdk3=True),
    Mode("stock3-0.0", "3.x stock 0.0", "0.0", stock=True, sdk3=True),
]
DEFAULT_MODES = ["off", "ours-0.1", "ours-0.0", "stock-0.1"]
SDK3_MODES = ["stock-0.0", "off-3", "stock3-0.1", "stock3-0.0"]


class BenchError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd: list[str], env: dict, **kwargs) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def prepare_database(db: str, env: dict) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {db}", f"CREATE DATABASE {db}"):
        run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], env)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)


class Server:
    def __init__(self, env: dict, log: Path, python: str = PYTHON) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [python, "-m", "gunicorn", "smartshop.wsgi:application", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env | {"PORT": str(self.port)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.pid = self.process.pid
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise BenchError(f"gunicorn did not start; see {log}")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.pid)], capture_output=True, text=True, check=False
        )
        return sorted(int(pid) for pid in out.stdout.split())

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


class Postgres:
    """PostgreSQL's backend processes serving the benchmark's database (their CPU is the
    database's share of a request)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.conn = psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        )

    def backend_pids(self) -> list[int]:
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = %s AND backend_type = 'client backend'",
            (self.db,),
        ).fetchall()
        return [pid for (pid,) in rows]

    def close(self) -> None:
        self.conn.close()


def wrk(base: str, page: Page, client: Client, *, duration: int, connections: int) -> dict:
    """One wrk run of `page`; wrk's summary plus the CPU wrk itself used."""
    (RESULTS / "body.txt").write_text(client.body(page))
    headers = client.headers(page)
    (RESULTS / "headers.txt").write_text("".join(f"{k}: {v}\n" for k, v in headers.items()))
    env = dict(os.environ)
    if page.shopper:  # the state is in the session: check every answer, not just the count
        env |= {"BENCH_EXPECT_STATUS": str(page.status), "BENCH_EXPECT_LOCATION": page.location}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
            base + page.path,
            "--",
            page.method,
            str(RESULTS / "body.txt") if page.method == "POST" else "-",
            str(RESULTS / "headers.txt"),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(out.stdout.split("RESULT ", 1)[1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["wrk_cpu_ms"] = cpu_s * 1000
    return result


def measure(
    server: Server,
    ingest: IngestProcess,
    postgres: Postgres,
    page: Page,
    client: Client,
    args: argparse.Namespace,
) -> dict:
    """Warm up, then one measured wrk run with a CPU snapshot of every process right before
    and right after it (once they are idle: bench/cpu.py:settle)."""

    def groups() -> dict[str, list[int]]:
        return {
            "workers": server.worker_pids(),
            "master": [server.pid],
            "ingest": [ingest.pid],
            "postgres": postgres.backend_pids(),
        }

    def all_pids() -> list[int]:
        return [pid for pids in groups().values() for pid in pids]

    def snapshot() -> dict:
        return {
            "ticks": {name: group_ticks(pids) for name, pids in groups().items()},
            "busy": machine_busy_ticks(),
            "envelopes": ingest.counts()["envelopes"],
            "time": time.monotonic(),
        }

    client.probe(page, "before")
    load = {"base": server.base, "page": page, "client": client, "connections": args.connections}
    wrk(**load, duration=args.warmup)  # connections, caches, lazy imports
    settle(all_pids)
    before = snapshot()
    result = wrk(**load, duration=args.duration)
    settle(all_pids)
    after = snapshot()
    client.probe(page, "after")

    workers = set(before["ticks"]["workers"])
    if workers != set(after["ticks"]["workers"]) or len(workers) != int(args.workers):
        raise BenchError(
            f"{page.name}: gunicorn workers changed during the run "
            f"({sorted(workers)} → {sorted(after['ticks']['workers'])}); see {server.log_path}"
        )
    cpu = {name: cpu_ms(before["ticks"][name], after["ticks"][name]) for name in groups()}
    cpu["wrk"] = result.pop("wrk_cpu_ms")
    wall_ms = (after["time"] - before["time"]) * 1000
    busy_ms = (after["busy"] - before["busy"]) * TICK_MS
    requests = max(result["requests"], 1)
    return result | {
        "cpu_ms": cpu,
        "cpu_ms_per_req": cpu["workers"] / requests,
        "envelopes": after["envelopes"] - before["envelopes"],
        # CPU the machine spent on anything else while this was measured, in cores: noise.
        "other_load_cores": max(busy_ms - sum(cpu.values()), 0) / wall_ms,
    }


def check(result: dict, page: Page, mode: Mode, server: Server) -> None:
    wrong = result["non_2xx_3xx"] + result["unexpected"] + result["socket_errors"]
    if wrong or not result["requests"]:
        raise BenchError(
            f"{page.name} / {mode.name}: {result['requests']} requests, "
            f"{result['non_2xx_3xx']} non-2xx/3xx, {result['unexpected']} not "
            f"{page.status}{' → ' + page.location if page.location else ''}, "
            f"{result['socket_errors']} socket errors (connect, read, write, timeout); "
            f"see {server.log_path}"
        )


def selected(value: str, known: list[str], default: list[str], what: str) -> list[str]:
    if not value:
        return default
    if value == "all":
        return known
    keys = [k.strip() for k in value.split(",") if k.strip()]
    unknown = [k for k in keys if k not in known]
    if unknown:
        sys.exit(f"unknown {what}: {', '.join(unknown)} (choose from {', '.join(known)})")
    return keys


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", default="2", help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument(
        "--db", default="smartshop_bench", help="PostgreSQL database to create (dropped first)"
    )
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated, default all: " + ", ".join(p.key for p in PAGES),
    )
    parser.add_argument(
        "--modes",
        default="",
        help=f"comma-separated, run in this order, or 'all'; default {','.join(DEFAULT_MODES)}; "
        "also: ours-1.0, "
        "stock-0.0, and with --sdk3: off-3, stock3-0.1, stock3-0.0",
    )
    parser.add_argument("--traces-1", action="store_true", help="add the ours-1.0 mode")
    parser.add_argument(
        "--sdk3",
        metavar="PYTHON",
        help="a Python whose sentry-sdk is 3.x (same requirements otherwise, e.g. "
        "/tmp/venv3/bin/python): adds the modes " + ", ".join(SDK3_MODES) + ", the stock "
        "set-up on 2.x and 3.x in the same run",
    )
    parser.add_argument(
        "--at-size",
        action="store_true",
        help="instead of the load run: every page at each --size, in-process, side by side "
        "(bench/scale.py; databases filled by manage.py seed_scale)",
    )
    parser.add_argument(
        "--size",
        action="append",
        metavar="NAME=DATABASE_URL",
        help="with --at-size, repeatable; default: " + " ".join(DEFAULT_SIZES),
    )
    parser.add_argument(
        "--requests", type=int, default=20, help="with --at-size: timed requests per page"
    )
    parser.add_argument(
        "--docs",
        action="store_true",
        help="write the results section and plots of docs/performance.md (full runs only)",
    )
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.db):
        parser.error("--db: lower-case letters, digits and _")
    args.page_keys = selected(args.pages, [p.key for p in PAGES], [p.key for p in PAGES], "pages")
    args.mode_keys = selected(args.modes, [m.key for m in MODES], DEFAULT_MODES, "modes")
    if args.traces_1 and "ours-1.0" not in args.mode_keys:
        args.mode_keys.append("ours-1.0")
    if args.modes == "all" and not args.sdk3:
        args.mode_keys = [k for k in args.mode_keys if k not in SDK3_MODES or k == "stock-0.0"]
    if args.sdk3:
        args.mode_keys += [k for k in SDK3_MODES if k not in args.mode_keys and not args.modes]
        found = subprocess.run(
            [args.sdk3, "-c", "import sentry_sdk; print(sentry_sdk.VERSION)"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if not found.startswith("3."):
            parser.error(f"--sdk3: {args.sdk3} has sentry-sdk {found or 'missing'}, not 3.x")
        args.sdk3_version = found
    needs = [m.key for m in MODES if m.sdk3 and m.key in args.mode_keys]
    if needs and not args.sdk3:
        parser.error(f"modes {', '.join(needs)} need --sdk3 PYTHON (a sentry-sdk 3.x)")
    if args.size and not args.at_size:
        parser.error("--size goes with --at-size")
    args.full = args.page_keys == [p.key for p in PAGES] and set(DEFAULT_MODES) <= set(
        args.mode_keys
    )
    if args.docs and not args.full and not args.at_size:
        parser.error("--docs needs a full run: every page and at least the default modes")
    return args


def setup_facts(args: argparse.Namespace) -> dict:
    import django
    import sentry_sdk

    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sentry_sdk": sentry_sdk.VERSION,
        "sentry_sdk_3": getattr(args, "sdk3_version", None),
        "duration": args.duration,
        "warmup": args.warmup,
        "connections": args.connections,
        "workers": int(args.workers),
        "pages": args.page_keys,
        "modes": args.mode_keys,
        "full": args.full,
    }


def main() -> None:
    args = parse_args()
    if args.at_size:
        out = at_size(args.size or DEFAULT_SIZES, args.requests)
        text = render_at_size(out)
        if args.docs:
            docs_section_write(SCALE_START, SCALE_END, text)
        print(text)
        return
    if subprocess.run(["which", "wrk"], capture_output=True, check=False).returncode:
        sys.exit("wrk is missing: apt-get install wrk")
    pages = [p for p in PAGES if p.key in args.page_keys]
    modes = [next(m for m in MODES if m.key == key) for key in args.mode_keys]  # as asked
    RESULTS.mkdir(exist_ok=True)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRY_", "DATABASE"))}
    base_env |= {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_CONCURRENCY": args.workers,
        "GUNICORN_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
    }
    runs = len(pages) * len(modes)
    minutes = (runs * (args.warmup + args.duration + 1.5) + len(modes) * 5 + 30) / 60
    print(
        f"{len(pages)} pages × {len(modes)} modes = {runs} runs, about {minutes:.0f} min. "
        f"Preparing database {args.db} (migrate, seed_demo, collectstatic)…",
        flush=True,
    )
    prepare_database(args.db, base_env)

    results: dict[str, Any] = {
        "setup": setup_facts(args),
        "runs": [],
        "peak_rss_mb": {},
        "envelopes": {},
    }
    ingest = IngestProcess()
    postgres = Postgres(args.db)
    try:
        for mode in modes:
            env = base_env | mode.env(ingest.dsn)
            python = args.sdk3 if mode.sdk3 else PYTHON
            server = Server(env, RESULTS / f"gunicorn-{mode.key}.log", python)
            client = None
            try:
                client = shopper(server.base)
                for page in pages:
                    result = measure(server, ingest, postgres, page, client, args)
                    result |= {"page": page.name, "mode": mode.name}
                    results["runs"].append(result)
                    print(
                        f"{page.name:24} {mode.name:9} {result['cpu_ms_per_req']:6.2f} CPU ms/req"
                        f" {result['rps']:7.0f} req/s  p50 {result['p50_us'] / 1000:6.1f} ms"
                        f"  p99 {result['p99_us'] / 1000:6.1f} ms  bad {result['non_2xx_3xx']}"
                        f"+{result['unexpected']}  other load {result['other_load_cores']:.2f}",
                        flush=True,
                    )
                    check(result, page, mode, server)
                results["peak_rss_mb"][mode.name] = round(server.peak_rss_mb(), 1)
            finally:
                if client:
                    client.close()
                server.stop()
    except (BenchError, PageError) as error:
        (RESULTS / "failed.json").write_text(json.dumps(results, indent=2))
        sys.exit(f"\nBENCHMARK FAILED: {error}\n(partial results: {RESULTS / 'failed.json'})")
    finally:
        results["envelopes"] = ingest.counts()
        ingest.stop()
        postgres.close()

    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    print(report(results, docs=args.docs))


if __name__ == "__main__":
    main()
