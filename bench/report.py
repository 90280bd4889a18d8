"""Turn bench/results/latest.json into the Markdown table and the plots of docs/performance.md.

.venv/bin/python -m bench.report    # re-render from the last run
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _table(results: dict) -> str:
    runs = results["runs"]
    off = {r["page"]: r["rps"] for r in runs if r["mode"] == "off"}
    lines = [
        "| page | Sentry | req/s | vs off | p50 ms | p95 ms | p99 ms | non-2xx/3xx |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r['page']} | {r['mode']} | {r['rps']:.0f} | {r['rps'] / off[r['page']]:.1%} "
            f"| {r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} "
            f"| {r['non_2xx_3xx']} |"
        )
    return "\n".join(lines)


def _targets(results: dict) -> str:
    rps = {(r["page"], r["mode"]): r["rps"] for r in results["runs"]}
    catalogue_01 = rps[("catalogue", "traces 0.1")] / rps[("catalogue", "off")]
    catalogue_10 = rps[("catalogue", "traces 1.0")] / rps[("catalogue", "off")]
    vs_bare = rps[("catalogue", "off")] / rps[("bare view", "off")]
    rss = max(results["peak_rss_mb"][m] for m in ("traces 0.1", "traces 1.0"))

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    return "\n".join(
        [
            "| target | result | |",
            "|---|---:|---|",
            f"| catalogue, traces 0.1 ≥ 97 % of Sentry off | {catalogue_01:.1%} "
            f"| {mark(catalogue_01 >= 0.97)} |",
            f"| catalogue, traces 1.0 ≥ 90 % of Sentry off | {catalogue_10:.1%} "
            f"| {mark(catalogue_10 >= 0.90)} |",
            f"| catalogue ≥ 60 % of the bare view (Sentry off) | {vs_bare:.1%} "
            f"| {mark(vs_bare >= 0.60)} |",
            f"| worker peak RSS ≤ 150 MB with Sentry on | {rss:.0f} MB | {mark(rss <= 150)} |",
        ]
    )


def _plots(results: dict) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    runs = results["runs"]
    pages = list(dict.fromkeys(r["page"] for r in runs))
    modes = list(dict.fromkeys(r["mode"] for r in runs))
    value = {(r["page"], r["mode"]): r for r in runs}
    width = 0.8 / len(modes)
    written = []
    for metric, label, name, scale in [
        ("rps", "requests per second", "performance-throughput.png", 1),
        ("p95_us", "p95 latency (ms)", "performance-p95.png", 1000),
    ]:
        fig, ax = plt.subplots(figsize=(9, 4.5), dpi=110)
        for i, mode in enumerate(modes):
            ax.bar(
                [x + i * width for x in range(len(pages))],
                [value[(p, mode)][metric] / scale for p in pages],
                width,
                label=f"Sentry {mode}",
            )
        ax.set_xticks([x + width * (len(modes) - 1) / 2 for x in range(len(pages))], pages)
        ax.set_ylabel(label)
        ax.set_title(f"SmartShop AI under wrk: {label}")
        ax.legend()
        ax.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(DOCS / name)
        plt.close(fig)
        written.append(name)
    return written


def report(results: dict) -> str:
    DOCS.mkdir(exist_ok=True)
    plots = _plots(results)
    rss = ", ".join(f"{mode}: {mb:.0f} MB" for mode, mb in results["peak_rss_mb"].items())
    text = "\n\n".join(
        [
            _table(results),
            f"Peak RSS of a gunicorn worker (VmHWM): {rss}.",
            _targets(results),
            *[f"![{p}]({p})" for p in plots],
        ]
    )
    (ROOT / "bench" / "results" / "latest.md").write_text(text + "\n")
    return text


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(report(json.loads((ROOT / "bench" / "results" / "latest.json").read_text())))
