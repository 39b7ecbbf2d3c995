"""Time every analysis of the catalogue (queries/, docs/analysis.md) on a demo graph.

    .venv/bin/python -m bench.analysis_times [--scale district|city] [--repeat 3] [--data-dir DIR]

Reuses the demo graph in ``data/bench/<scale>`` (graph ``demo_<scale>``, as bench/match_latency.py leaves
it) or loads it there once. Each analysis runs once to warm up, then ``--repeat`` times; prints the best
and the median time and the row count, with ``asOf`` set to the demo's reference day. Target: under 2 s
each at district scale.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from gongjian.graph.demo import REFERENCE
from gongjian.queries import catalogue
from gongjian.settings import Settings

from .match_latency import open_graph


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=["tiny", "district", "city"], default="district")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path("data/bench") / args.scale
    settings = Settings(data_dir=data_dir, query_timeout_ms=600_000, _env_file=None)  # type: ignore[call-arg]
    started = time.perf_counter()
    graph = open_graph(args.scale, data_dir, settings)
    print(f"graph open in {time.perf_counter() - started:.0f} s ({graph.description})", flush=True)
    as_of = REFERENCE.date().isoformat()
    total = 0.0
    print(f"{'analysis':40} {'best ms':>10} {'median ms':>10} {'rows':>7}")
    try:
        for analysis in catalogue.analyses():
            params = {"asOf": as_of} if analysis.param("asOf") else {}
            result = catalogue.run(graph, analysis.name, params)
            times = []
            for _ in range(max(1, args.repeat)):
                t0 = time.perf_counter()
                catalogue.run(graph, analysis.name, params)
                times.append((time.perf_counter() - t0) * 1000)
            total += statistics.median(times)
            flag = "" if min(times) < 2000 else "  > 2 s"
            print(
                f"{analysis.name:40} {min(times):10.1f} {statistics.median(times):10.1f} "
                f"{len(result.rows):7d}{flag}",
                flush=True,
            )
    finally:
        graph.close()
    print(f"{'all analyses (sum of medians)':40} {'':10} {total:10.1f}")


if __name__ == "__main__":
    main()
