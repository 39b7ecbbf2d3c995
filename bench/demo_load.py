"""Benchmark: load the demo network into a fresh embedded graph and report time and memory.

    .venv/bin/python -m bench.demo_load [--scale district|city] [--seed 0] [--folder DIR]

Prints the wall time of ``load_demo`` at the chosen scale, the nodes and relationships written per
second, the embedded server's resident memory afterwards, the size of its data folder, and the time
the server takes to start again on that folder. As a baseline measured in the same run, the same
kind of node (Member, with its BELONGS_TO edge) is written row by row for a 2,000-row slice and as
one batched UNWIND, and the ratio is printed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from gongjian.graph.backends.embedded import PID_FILE
from gongjian.graph.demo import load_demo
from gongjian.graph.facade import Graph
from gongjian.graph.schema import init_schema

BASELINE_ROWS = 2_000
_BASELINE = (
    "UNWIND $rows AS row MATCH (o:Org {id: row.org}) "
    "CREATE (m:Member {id: row.id, name: row.name, phone: row.phone})-[:BELONGS_TO]->(o)"
)


def _rss_mb(folder: Path) -> float:
    pid = int((folder / PID_FILE).read_text())
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024**2


def _baseline(graph: Graph) -> tuple[float, float]:
    """Row-at-a-time versus one batch, for the same rows (rows/s each)."""
    graph.write("CREATE (:Org {id: 'bench-org'})")
    rows = [
        {"id": f"bench-{i}", "name": f"成员{i}", "phone": f"139{i:08d}", "org": "bench-org"}
        for i in range(2 * BASELINE_ROWS)
    ]
    started = time.perf_counter()
    for row in rows[:BASELINE_ROWS]:
        graph.write(_BASELINE, rows=[row])
    naive = BASELINE_ROWS / (time.perf_counter() - started)
    started = time.perf_counter()
    graph.write(_BASELINE, rows=rows[BASELINE_ROWS:])
    batched = BASELINE_ROWS / (time.perf_counter() - started)
    graph.write("MATCH (n) WHERE n.id STARTS WITH 'bench-' DETACH DELETE n")
    return naive, batched


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=["tiny", "district", "city"], default="district")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folder", type=Path, help="data folder (default: a temporary one, removed)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="gongjian-bench-"))
    uri = f"embedded://{folder}?graph=demo"
    try:
        with Graph.open(uri) as graph:
            graph.clear()
            init_schema(graph)
            naive, batched = _baseline(graph)
            started = time.perf_counter()
            counts = load_demo(graph, scale=args.scale, seed=args.seed, replace=True)
            seconds = time.perf_counter() - started
            rss = _rss_mb(folder)
        started = time.perf_counter()
        with Graph.open(uri) as graph:
            restart = time.perf_counter() - started
            nodes = sum(r["count"] for r in graph.read(graph.named("stats_labels")))
            rels = sum(r["count"] for r in graph.read(graph.named("stats_relationships")))
        print(f"demo load --scale {args.scale} --seed {args.seed}")
        print(f"  wall time            {seconds:10.1f} s")
        print(f"  nodes                {nodes:10,d}  ({nodes / seconds:,.0f}/s)")
        print(f"  relationships        {rels:10,d}  ({rels / seconds:,.0f}/s)")
        print(f"  server RSS after     {rss:10,.0f} MB")
        print(f"  data folder          {_folder_mb(folder):10,.0f} MB")
        print(f"  restart (replay)     {restart:10.1f} s")
        print(f"  written per kind     {', '.join(f'{k} {v:,}' for k, v in counts.items())}")
        print(f"baseline, {BASELINE_ROWS:,} Member rows with BELONGS_TO:")
        print(f"  row at a time        {naive:10,.0f} rows/s")
        print(f"  one UNWIND batch     {batched:10,.0f} rows/s  ({batched / naive:.0f}x)")
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
