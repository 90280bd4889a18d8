"""The load benchmark's own tools (bench/): the ingest stand-in takes what the SDK sends, the
CPU figures come from /proc, and the report says which of issue 14's targets are met and by
how much. The load run itself is `make bench`, not a test."""

import http.client
import os
import sys
import time
from typing import Any, cast

import pytest
import sentry_sdk

from bench import report
from bench.cpu import TICK_MS, cpu_ms, group_ticks, ticks
from bench.ingest import IngestProcess


@pytest.fixture
def ingest():
    process = IngestProcess()
    yield process
    process.stop()


def test_the_ingest_stand_in_counts_what_the_real_sdk_sends(ingest):
    # A client of its own: the global SDK state of other tests stays untouched.
    client = sentry_sdk.Client(dsn=ingest.dsn)
    client.capture_event({"message": "checkout failed", "level": "error"})
    client.capture_event({"message": "payment declined", "level": "warning"})
    client.flush(timeout=5)
    client.close(timeout=5)

    counts = ingest.counts()
    assert counts["envelopes"] == 2
    assert counts["bytes"] > 0
    assert counts["unsupported"] == 0


def test_the_ingest_stand_in_keeps_the_connection_and_reads_bodies_sent_in_pieces(ingest):
    connection = http.client.HTTPConnection("127.0.0.1", ingest.port, timeout=5)
    body = b"x" * 300_000
    for _ in range(3):  # one connection, three requests: keep-alive
        connection.putrequest("POST", "/api/42/envelope/")
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        for start in range(0, len(body), 65_536):
            connection.send(body[start : start + 65_536])
        response = connection.getresponse()
        assert (response.status, response.read()) == (200, b"{}")
    connection.request("POST", "/api/42/security/", body=b'{"csp-report": {}}')
    assert connection.getresponse().read() == b"{}"
    connection.close()

    assert ingest.counts() == {
        "envelopes": 3,
        "other_posts": 1,
        "bytes": 3 * len(body) + len(b'{"csp-report": {}}'),
        "unsupported": 0,
    }


def test_cpu_time_of_a_process_is_read_from_proc():
    pid = os.getpid()
    before = group_ticks([pid])
    start = time.process_time()
    while time.process_time() - start < 0.2:  # 0.2 s of CPU, however busy the machine is
        pass
    spent = cpu_ms(before, group_ticks([pid]))

    assert 200 - 2 * TICK_MS <= spent <= 200 + 10 * TICK_MS
    assert ticks(2**22 + 1) is None  # no such process: no figure, not an error


def _run(page: str, mode: str, rps: float, cpu: float) -> dict:
    requests = int(rps * 10)
    return {
        "page": page,
        "mode": mode,
        "requests": requests,
        "rps": rps,
        "cpu_ms_per_req": cpu,
        "cpu_ms": {"workers": cpu * requests, "postgres": 0, "ingest": 0, "master": 0, "wrk": 0},
        "p50_us": 1000,
        "p95_us": 2000,
        "p99_us": 3000,
        "non_2xx_3xx": 0,
        "checked": 0,
        "unexpected": 0,
        "socket_errors": 0,
        "envelopes": 0,
        "other_load_cores": 0.1,
    }


RESULTS = {
    "setup": {
        "date": "2026-11-28 00:00 UTC",
        "commit": "abc",
        "cpus": 2,
        "load_average": [0.1, 0.1, 0.1],
        "python": "3.11",
        "django": "5.2",
        "sentry_sdk": "2.75.0",
        "duration": 10,
        "warmup": 3,
        "connections": 16,
        "workers": 2,
        "full": False,
    },
    "runs": [
        _run("bare view", "off", 2000, 0.50),
        _run("bare view", "ours 0.0", 1800, 0.70),
        _run("bare view", "ours 0.1", 1700, 0.80),
        _run("bare view", "stock 0.1", 1600, 0.90),
        _run("product", "off", 1100, 0.95),
        _run("product", "ours 0.1", 800, 1.30),
        _run("product", "stock 0.1", 900, 1.20),
    ],
    "peak_rss_mb": {"off": 100.0},
    "envelopes": {"envelopes": 0},
}


def _target_row(markdown: str, start: str) -> list[str]:
    line = next(line for line in markdown.splitlines() if line.startswith(f"| {start}"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_report_says_which_targets_are_met_and_by_how_much(tmp_path):
    text = report.render(RESULTS, out=tmp_path)

    assert _target_row(text, "product ≥ 50%") == [
        "product ≥ 50% of the bare view's req/s, Sentry off",
        "55.0 %",
        "met",
        "5.0 points",
        "52.6 % (met)",
    ]
    assert _target_row(text, "product: ours at traces 0.1")[1:4] == [
        "72.7 %",
        "**missed**",
        "7.3 points",
    ]
    assert _target_row(text, "bare view: unsampled overhead")[1:4] == [
        "0.20 ms",
        "**missed**",
        "0.05 ms",
    ]
    assert _target_row(text, "bare view: ours CPU/req ≤")[1:4] == [
        "0.80 vs 0.90 ms",
        "met",
        "0.10 ms",
    ]
    assert _target_row(text, "product: ours CPU/req ≤")[1:4] == [
        "1.30 vs 1.20 ms",
        "**missed**",
        "0.10 ms",
    ]
    # Nothing measured for the cart: said so, never a made-up verdict.
    assert _target_row(text, "cart ≥ 40%")[1:3] == ["not measured", "–"]
    assert "A partial run" in text


def test_the_report_replaces_only_the_results_section_of_the_docs(tmp_path, monkeypatch):
    doc = tmp_path / "performance.md"
    doc.write_text(
        f"# Performance\n\nprose before\n\n{report.START}\nold numbers\n{report.END}\n\n"
        "prose after\n"
    )
    monkeypatch.setattr(report, "DOCS", tmp_path)
    monkeypatch.setattr(report, "DOC", doc)

    report.report(RESULTS, docs=True)

    written = doc.read_text()
    assert written.startswith("# Performance\n\nprose before\n\n")
    assert written.endswith(f"{report.END}\n\nprose after\n")
    assert "old numbers" not in written
    assert "| product | 0.95 | – | 1.30 | 1.20 |" in written  # CPU per request, by mode


def test_the_report_sets_the_stock_set_up_on_sentry_sdk_3_beside_2(tmp_path):
    runs = [
        _run("catalogue", "off", 2000, 0.60),
        _run("catalogue", "stock 0.0", 1500, 0.80),
        _run("catalogue", "stock 0.1", 1200, 1.10),
        _run("catalogue", "3.x off", 2000, 0.62),
        _run("catalogue", "3.x stock 0.0", 1600, 0.75),
        _run("catalogue", "3.x stock 0.1", 1000, 1.40),
    ]
    setup = {**cast(dict[str, Any], RESULTS["setup"]), "sentry_sdk_3": "3.0.1"}
    data = {**RESULTS, "runs": runs, "setup": setup}

    text = report.render(data, out=tmp_path)

    assert "sentry-sdk 2.75.0 (and 3.0.1 for the 3.x modes)" in text
    assert _target_row(text, "catalogue | 2.75.0") == [
        "catalogue", "2.75.0", "0.60", "0.80", "+0.20", "75", "1.10", "+0.50", "60",
    ]  # fmt: skip
    # Each SDK against Sentry off in its own environment, not 3.x against 2.x's "off".
    assert _target_row(text, "catalogue | 3.0.1") == [
        "catalogue", "3.0.1", "0.62", "0.75", "+0.13", "80", "1.40", "+0.78", "50",
    ]  # fmt: skip
    assert "| catalogue | 75 % · +0.20 ms (1.33×) | 60 % · +0.50 ms (1.83×) | 80 % · +0.13" in text


def test_a_run_on_sentry_sdk_3_needs_a_python_that_has_it(monkeypatch, capsys):
    from bench import run

    monkeypatch.setattr("sys.argv", ["run.py", "--modes", "off,stock3-0.1"])
    with pytest.raises(SystemExit):
        run.parse_args()
    assert "need --sdk3 PYTHON" in capsys.readouterr().err

    monkeypatch.setattr("sys.argv", ["run.py", "--sdk3", sys.executable])  # this one has 2.x
    with pytest.raises(SystemExit):
        run.parse_args()
    assert f"has sentry-sdk {sentry_sdk.VERSION}, not 3.x" in capsys.readouterr().err


def test_the_at_size_table_sets_both_sizes_side_by_side_with_their_ratios():
    from bench import scale

    def size(products: int, p95: float, cpu: float) -> dict:
        page = {"p50": p95 / 2, "p95": p95, "cpu": cpu, "queries": 2, "peak_kb": 100.0}
        return {"products": products, "orders": 10 * products, "pages": {"catalogue": page}}

    text = scale.render(
        {
            "setup": {
                "date": "2026-12-08 04:00 UTC",
                "commit": "abc",
                "cpus": 2,
                "load_average": [1.0, 1.0, 1.0],
                "load_average_after": [2.0, 2.0, 2.0],
                "requests": 20,
            },
            "sizes": {"1k": size(1_000, 10.0, 4.0), "100k": size(100_000, 30.0, 5.0)},
        }
    )

    assert "1k: 1,000 products, 10,000 orders, 100k: 100,000 products" in text
    assert (
        "| catalogue | 5.0 / 10.0 | 4.0 | 2 | 100 | 15.0 / 30.0 | 5.0 | 2 | 100 | 3.00× | 1.25× |"
        in text
    )
