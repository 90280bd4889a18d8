"""Turn one run of bench/run.py (bench/results/latest.json) into the Markdown tables and plots
of docs/performance.md:

    .venv/bin/python -m bench.report            # bench/results/latest.md and its plots
    .venv/bin/python -m bench.report --docs     # the results section and plots in docs/

The report leads with worker CPU per request: unlike throughput it hardly changes with what
else the machine is doing. Targets are issue 14's; a target whose page or mode was not in the
run reads "not measured".
"""

import argparse
import json
import re
import sys
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
RESULTS = ROOT / "bench" / "results"
DOC = DOCS / "performance.md"
START, END = "<!-- bench:results -->", "<!-- /bench:results -->"

OFF, OURS, UNSAMPLED, STOCK = "off", "ours 0.1", "ours 0.0", "stock 0.1"
SDK3 = "3.x "  # the prefix of the modes run on sentry-sdk 3.x (bench/run.py --sdk3)
BARE = "bare view"
CHECKOUT_STEPS = [
    "checkout details GET",
    "checkout details POST",
    "checkout delivery GET",
    "checkout delivery POST",
    "checkout review GET",
]
UNSAMPLED_BUDGET_MS = 0.15
BUSY_CORES = 0.25  # other load, on average, above which the report warns


class Results:
    def __init__(self, data: dict) -> None:
        self.data = data
        self.runs = {(r["page"], r["mode"]): r for r in data["runs"]}
        self.pages = list(dict.fromkeys(r["page"] for r in data["runs"]))
        self.modes = list(dict.fromkeys(r["mode"] for r in data["runs"]))

    def get(self, page: str, mode: str, metric: Callable[[dict], float]) -> float | None:
        run = self.runs.get((page, mode))
        return None if run is None else metric(run)

    def rps(self, page: str, mode: str) -> float | None:
        return self.get(page, mode, lambda r: r["rps"])

    def cpu(self, page: str, mode: str) -> float | None:
        return self.get(page, mode, lambda r: r["cpu_ms_per_req"])


def _per_req(group: str) -> Callable[[dict], float]:
    return lambda r: r["cpu_ms"][group] / max(r["requests"], 1)


def _table(header: list[str], rows: list[list[str]], right_from: int = 1) -> str:
    align = ["---" if i < right_from else "---:" for i in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def _num(value: float | None, fmt: str) -> str:
    return "–" if value is None else format(value, fmt)


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or not b else a / b


def _pivot(res: Results, metric: Callable[[str, str], float | None], fmt: str) -> str:
    rows = [[page, *[_num(metric(page, mode), fmt) for mode in res.modes]] for page in res.pages]
    return _table(["page", *res.modes], rows)


def _details(res: Results) -> str:
    rows = []
    for (page, mode), r in res.runs.items():
        checked = str(r["unexpected"]) if r["checked"] else "–"
        rows.append(
            [
                page,
                mode,
                f"{r['cpu_ms_per_req']:.2f}",
                f"{r['rps']:.0f}",
                f"{r['p50_us'] / 1000:.1f}",
                f"{r['p95_us'] / 1000:.1f}",
                f"{r['p99_us'] / 1000:.1f}",
                str(r["non_2xx_3xx"]),
                checked,
                str(r["socket_errors"]),
                f"{100 * r['envelopes'] / max(r['requests'], 1):.1f}",
            ]
        )
    header = ["page", "mode", "CPU ms/req", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    header += ["non-2xx/3xx", "unexpected", "socket errors", "envelopes /100 req"]
    return _table(header, rows, right_from=2)


def _others(res: Results) -> str:
    rows = []
    for (page, mode), r in res.runs.items():
        per_req = [_per_req(g)(r) for g in ("postgres", "ingest", "master", "wrk")]
        rows.append([page, mode, *[f"{v:.3f}" for v in per_req], f"{r['other_load_cores']:.2f}"])
    header = ["page", "mode", "PostgreSQL ms/req", "ingest ms/req", "master ms/req"]
    header += ["wrk ms/req", "other load (cores)"]
    return _table(header, rows, right_from=2)


def _vs_bare(res: Results) -> str:
    rows = []
    for page in res.pages:
        share = _ratio(res.rps(page, OFF), res.rps(BARE, OFF))
        times = _ratio(res.cpu(page, OFF), res.cpu(BARE, OFF))
        rows.append([page, _num(share and 100 * share, ".1f"), _num(times, ".1f")])
    return _table(["page (Sentry off)", "req/s, % of bare view", "CPU/req, × bare view"], rows)


def _vs_off(res: Results) -> str:
    on = [m for m in res.modes if m not in (OFF, SDK3 + OFF)]
    rows = []
    for page in res.pages:
        cells = [page]
        for mode in on:
            base = SDK3 + OFF if mode.startswith(SDK3) else OFF  # each SDK's own "off"
            share = _ratio(res.rps(page, mode), res.rps(page, base))
            cpu, off = res.cpu(page, mode), res.cpu(page, base)
            if share is None or cpu is None or off is None:
                cells.append("–")
                continue
            cells.append(f"{100 * share:.0f} % · {cpu - off:+.2f} ms ({cpu / off:.2f}×)")
        rows.append(cells)
    return _table(["page", *on], rows)


def _vs_stock(res: Results) -> str:
    rows = []
    for page in res.pages:
        ours, stock = res.cpu(page, OURS), res.cpu(page, STOCK)
        env = [
            res.get(page, m, lambda r: 100 * r["envelopes"] / max(r["requests"], 1))
            for m in (OURS, STOCK)
        ]
        diff = None if ours is None or stock is None else ours - stock
        rows.append(
            [
                page,
                _num(ours, ".2f"),
                _num(stock, ".2f"),
                _num(diff, "+.2f"),
                _num(_ratio(ours, stock), ".2f"),
                _num(env[0], ".1f"),
                _num(env[1], ".1f"),
            ]
        )
    header = ["page", "ours 0.1 CPU ms/req", "stock 0.1 CPU ms/req", "ours − stock ms"]
    header += ["ours / stock ×", "ours envelopes /100 req", "stock envelopes /100 req"]
    return _table(header, rows)


def _target(
    name: str,
    value: float | None,
    goal: float,
    *,
    unit: str,
    at_most: bool = False,
    shown: str = "",
    cpu_share: float | None = None,
) -> list[str]:
    """One row: target, measured, met/missed, by how much (points for a %, else ms), and for
    a throughput share the same share estimated from worker CPU per request."""
    if value is None:
        return [name, "not measured", "–", "–", "–"]
    met = value <= goal if at_most else value >= goal
    margin = abs(value - goal)
    if unit == "%":
        shown, by = shown or f"{100 * value:.1f} %", f"{100 * margin:.1f} points"
    else:
        shown, by = shown or f"{value:.2f} ms", f"{margin:.2f} ms"
    estimate = "–"
    if cpu_share is not None:
        estimate = f"{100 * cpu_share:.1f} % ({'met' if cpu_share >= goal else 'missed'})"
    return [name, shown, "met" if met else "**missed**", by, estimate]


def _targets(res: Results) -> str:
    def share(page: str, mode: str, base_page: str, base_mode: str) -> list:
        """req/s of (page, mode) as a share of (base_page, base_mode)'s; and the same share
        from CPU per request (base's CPU / page's), which other load hardly disturbs."""
        return [
            _ratio(res.rps(page, mode), res.rps(base_page, base_mode)),
            _ratio(res.cpu(base_page, base_mode), res.cpu(page, mode)),
        ]

    rows = []
    for page, goal in [("product", 0.5), ("cart", 0.4), *[(s, 0.3) for s in CHECKOUT_STEPS]]:
        value, cpu_share = share(page, OFF, BARE, OFF)
        rows.append(
            _target(
                f"{page} ≥ {goal:.0%} of the bare view's req/s, Sentry off",
                value,
                goal,
                unit="%",
                cpu_share=cpu_share,
            )
        )
    for page in ("catalogue", "product"):
        value, cpu_share = share(page, OURS, page, OFF)
        rows.append(
            _target(
                f"{page}: ours at traces 0.1 ≥ 80% of Sentry off's req/s",
                value,
                0.8,
                unit="%",
                cpu_share=cpu_share,
            )
        )
    unsampled, off = res.cpu(BARE, UNSAMPLED), res.cpu(BARE, OFF)
    rows.append(
        _target(
            f"bare view: unsampled overhead (ours 0.0 − off) ≤ {UNSAMPLED_BUDGET_MS} ms CPU/req",
            None if unsampled is None or off is None else unsampled - off,
            UNSAMPLED_BUDGET_MS,
            unit="ms",
            at_most=True,
        )
    )
    for page in res.pages:
        ours, stock = res.cpu(page, OURS), res.cpu(page, STOCK)
        rows.append(
            _target(
                f"{page}: ours CPU/req ≤ the stock set-up's (both at traces 0.1)",
                ours - stock if ours is not None and stock is not None else None,
                0.0,
                unit="ms",
                at_most=True,
                shown=f"{ours:.2f} vs {stock:.2f} ms"
                if ours is not None and stock is not None
                else "",
            )
        )
    header = ["target (issue 14)", "measured", "", "by", "the share from CPU/req"]
    return _table(header, rows)


PLOTS = [
    ("cpu_ms_per_req", "worker CPU ms per request", "performance-cpu.png", 1),
    ("rps", "requests per second", "performance-throughput.png", 1),
    ("p95_us", "p95 latency (ms)", "performance-p95.png", 1000),
]


def _plots(res: Results, out: Path) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    width = 0.8 / len(res.modes)
    written = []
    for metric, label, name, scale in PLOTS:
        fig, ax = plt.subplots(figsize=(12, 5), dpi=100)
        for i, mode in enumerate(res.modes):
            values = [res.get(p, mode, itemgetter(metric)) for p in res.pages]
            ax.bar(
                [x + i * width for x in range(len(res.pages))],
                [0 if v is None else v / scale for v in values],
                width,
                label=_legend(mode),
            )
        ticks = [x + width * (len(res.modes) - 1) / 2 for x in range(len(res.pages))]
        ax.set_xticks(ticks, [p.replace("checkout ", "checkout\n") for p in res.pages])
        ax.set_ylabel(label)
        ax.set_title(f"SmartShop AI under wrk: {label}")
        ax.legend()
        ax.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(out / name)
        plt.close(fig)
        written.append(name)
    return written


def _legend(mode: str) -> str:
    sdk = ""
    if mode.startswith(SDK3):
        sdk, mode = " (sentry-sdk 3.x)", mode.removeprefix(SDK3)
    if mode == OFF:
        return "Sentry off" + sdk
    who, rate = mode.split()
    return f"{'our' if who == 'ours' else who} Sentry set-up, traces {rate}{sdk}"


def _sdk_versions(res: Results) -> str:
    """The stock set-up on sentry-sdk 2.x and 3.x (bench/run.py --sdk3), each against Sentry
    off in its own environment: CPU per request, what Sentry adds, the req/s share."""
    s = res.data["setup"]
    rows = []
    for page in res.pages:
        for label, prefix in ((s["sentry_sdk"], ""), (s.get("sentry_sdk_3") or "3.x", SDK3)):
            off = res.cpu(page, prefix + OFF)
            cells = [page, label, _num(off, ".2f")]
            for rate in ("0.0", "0.1"):
                mode = f"{prefix}stock {rate}"
                cpu = res.cpu(page, mode)
                share = _ratio(res.rps(page, mode), res.rps(page, prefix + OFF))
                added = None if cpu is None or off is None else cpu - off
                cells += [
                    _num(cpu, ".2f"),
                    _num(added, "+.2f"),
                    _num(share and 100 * share, ".0f"),
                ]
            rows.append(cells)
    header = ["page", "sentry-sdk", "off CPU ms/req", "stock 0.0 CPU ms/req", "added ms"]
    header += ["0.0 req/s % of off", "stock 0.1 CPU ms/req", "added ms", "0.1 req/s % of off"]
    return _table(header, rows, right_from=2)


def _setup(res: Results) -> str:
    s = res.data["setup"]
    load = ", ".join(f"{v:.2f}" for v in s["load_average"])
    return (
        f"One run of `bench/run.py` on {s['date']} at commit {s['commit']}: {s['cpus']} CPUs "
        f"(load average {load} at the start), Python {s['python']}, Django {s['django']}, "
        f"sentry-sdk {s['sentry_sdk']}"
        + (f" (and {s['sentry_sdk_3']} for the 3.x modes)" if s.get("sentry_sdk_3") else "")
        + f"; {s['workers']} gunicorn workers, wrk with "
        f"{s['connections']} connections, {s['warmup']} s warm-up and {s['duration']} s "
        "measured per page and mode."
        + ("" if s["full"] else " **A partial run (--pages/--modes): not for the docs.**")
        + _busy(res)
    )


def _busy(res: Results) -> str:
    """Say so when the rest of the machine was busy: req/s and latency then measure the
    machine as much as the code; CPU per request much less so."""
    loads = [r["other_load_cores"] for r in res.runs.values()]
    mean = sum(loads) / max(len(loads), 1)
    if mean < BUSY_CORES:
        return ""
    return (
        f" **The machine was busy: other processes used {mean:.2f} cores on average (up to "
        f"{max(loads):.2f}) during the measurements; compare CPU per request, not req/s.**"
    )


NOTES = """*CPU ms/req*: user + system CPU time of all gunicorn workers (every thread, so the SDK's
transport thread too) from `/proc/<pid>/stat`, sampled right before and right after the
measured run once the processes were idle, divided by the requests wrk completed. *unexpected*:
answers other than the page's own (status and redirect target), checked on every request of the
pages with a shopper session. *other load*: CPU the rest of the machine used meanwhile, in
cores — the noise in req/s and latency. Our sampler always traces paying and placing the order
(none of them measured here) and samples the pages measured at the flat rate, as the stock
set-up does; the envelope counts show it."""


def render(data: dict, *, out: Path) -> str:
    res = Results(data)
    plots = _plots(res, out)
    rss = ", ".join(f"{mode}: {mb:.0f} MB" for mode, mb in data["peak_rss_mb"].items())
    unsampled = res.cpu(BARE, UNSAMPLED)
    off = res.cpu(BARE, OFF)
    overhead = (
        f"**Unsampled overhead** (ours at traces 0.0 − Sentry off, bare view): "
        f"{unsampled - off:+.3f} ms CPU per request."
        if unsampled is not None and off is not None
        else "Unsampled overhead: not measured (needs the bare view with off and ours-0.0)."
    )
    sections = [
        _setup(res),
        "### Worker CPU per request (ms)",
        _pivot(res, res.cpu, ".2f"),
        "### Throughput (req/s)",
        _pivot(res, res.rps, ".0f"),
        "### Targets",
        _targets(res),
        "### Each page against the bare view (Sentry off)",
        _vs_bare(res),
        "### Sentry against Sentry off: req/s share · CPU added per request",
        _vs_off(res),
        overhead,
        "### Ours against the stock set-up",
        _vs_stock(res),
        *(
            ["### The stock set-up on sentry-sdk 2.x and 3.x", _sdk_versions(res)]
            if any(m.startswith(SDK3) for m in res.modes)
            else []
        ),
        "### Every run",
        _details(res),
        "### The other processes, per request",
        _others(res),
        f"Peak RSS of a gunicorn worker (VmHWM): {rss}. Envelopes received in the whole run: "
        f"{data['envelopes'].get('envelopes', 0)}.",
        NOTES,
        *[f"![{name}]({name})" for name in plots],
    ]
    return "\n\n".join(sections) + "\n"


def docs_section_write(start: str, end: str, text: str) -> None:
    """Replace what is between the markers start and end in docs/performance.md by text."""
    doc = DOC.read_text()
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(doc):
        sys.exit(f"{DOC} has no {start} … {end} section to replace")
    DOC.write_text(pattern.sub(lambda _: f"{start}\n\n{text}\n{end}", doc))


def report(data: dict, *, docs: bool = False) -> str:
    """Render the report; write it to docs/performance.md's results section (docs) or to
    bench/results/latest.md, with the plots beside it. Returns the Markdown."""
    out = DOCS if docs else RESULTS
    out.mkdir(exist_ok=True)
    text = render(data, out=out)
    if docs:
        docs_section_write(START, END, text)
    else:
        (RESULTS / "latest.md").write_text(text)
    return text


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Render bench/results/latest.json")
    parser.add_argument("results", nargs="?", default=str(RESULTS / "latest.json"))
    parser.add_argument("--docs", action="store_true", help="write docs/performance.md")
    args = parser.parse_args()
    data = json.loads(Path(args.results).read_text())
    if args.docs and not data["setup"]["full"]:
        sys.exit("--docs needs a full run: every page and at least the default modes")
    print(report(data, docs=args.docs))
