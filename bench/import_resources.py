"""Benchmark: import 100,000 resource rows from CSV and from XLSX into a fresh embedded graph.

    .venv/bin/python -m bench.import_resources [--rows 100000] [--naive 5000] [--batch-size N] [--repeat 3]

Generates a district (10 streets x 20 communities), 5,000 units and the resource list in a temporary
folder, loads areas and units with the importers, then times ``gongjian import resources`` from CSV
(GBK, as Excel exports it) and from XLSX, each into an empty resource list, ``--repeat`` times (every
run is printed; the verdict takes the median, since the shared host's speed drifts from minute to
minute). For comparison a naive loop sends the same write statement once per row for a 5,000-row
slice. Target: >= 20,000 rows/s from CSV.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench import host
from gongjian.graph.backends.embedded import PID_FILE
from gongjian.graph.facade import Graph
from gongjian.graph.schema import init_schema
from gongjian.graph.taxonomy import Taxonomy
from gongjian.importers import ImportOptions, run_import
from gongjian.importers.kinds import KINDS
from gongjian.importers.pipeline import validated
from gongjian.settings import Settings

STREETS, COMMUNITIES, UNITS = 10, 20, 5000
HEADER = [
    "单位名称",
    "所属街道",
    "资源类别",
    "资源名称",
    "数量",
    "计量单位",
    "开放时间",
    "服务类型",
    "联系电话",
]
SCHEDULES = ["工作日18:00-次日7:30", "周末全天", "每天9:00-17:00", "工作日18:00-次日7:30；周末全天", ""]
SERVICE = ["公共服务", "社会服务", "志愿服务", ""]


def generate(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path, Path, Path]:
    rng = random.Random(seed)
    taxonomy = Taxonomy.load()
    terms = [t for c in taxonomy.categories for t in (c.name, *c.synonyms[:2])]
    areas = folder / "areas.csv"
    with areas.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["区县", "街道", "社区", "经度", "纬度"])
        for s in range(STREETS):
            for c in range(COMMUNITIES):
                w.writerow(["麒麟区", f"第{s}街道", f"第{s}-{c}社区", 112.9 + s * 0.01, 28.2 + c * 0.005])
    units = folder / "units.csv"
    with units.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["单位名称", "单位类型", "所属街道", "所属社区", "经度", "纬度"])
        for u in range(UNITS):
            s, c = u % STREETS, u % COMMUNITIES
            w.writerow(
                [
                    f"单位{u:05d}",
                    "企业",
                    f"第{s}街道",
                    f"第{s}-{c}社区",
                    112.9 + rng.random() / 10,
                    28.2 + rng.random() / 10,
                ]
            )
    data = []
    for i in range(rows):
        u = i % UNITS
        data.append(
            [
                f"单位{u:05d}",
                f"第{u % STREETS}街道",
                rng.choice(terms),
                f"资源{i:06d}",
                f"{rng.randint(1, 50)}",
                "个",
                rng.choice(SCHEDULES),
                rng.choice(SERVICE),
                f"138{i:08d}",
            ]
        )
    resources_csv = folder / "resources.csv"
    with resources_csv.open("w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["星城资源清单（基准测试）"])
        w.writerow(HEADER)
        w.writerows(data)
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("资源清单")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    resources_xlsx = folder / "resources.xlsx"
    workbook.save(resources_xlsx)
    return areas, units, resources_csv, resources_xlsx


def timed_import(graph: Graph, path: Path, server: Path, batch_size: int | None = None) -> tuple[float, int]:
    """Wall seconds and rows of one import; prints the CPU seconds of this process and of the engine."""
    graph.write("MATCH (r:Resource) DETACH DELETE r")
    python, engine = time.process_time(), engine_cpu(server)
    started = time.perf_counter()
    report = run_import(
        graph, "resources", [path], ImportOptions(errors_workbook=False, batch_size=batch_size)
    )
    elapsed = time.perf_counter() - started
    python, engine = time.process_time() - python, engine_cpu(server) - engine
    assert report.total("created") > 0, [p.describe() for f in report.files for p in f.problems][:5]
    print(f"      CPU: Python {python:.2f} s, engine {engine:.2f} s (of {elapsed:.2f} s wall)")
    return elapsed, report.total("rows")


def engine_cpu(folder: Path) -> float:
    """CPU seconds the embedded server of ``folder`` has used (user + system, from /proc)."""
    pid = (folder / PID_FILE).read_text().strip()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def naive(graph: Graph, path: Path, limit: int) -> float:
    """The same validated rows, written one statement per row."""
    graph.write("MATCH (r:Resource) DETACH DELETE r")
    rows = [e.params() for e in validated(graph, "resources", path).to_write[:limit]]
    query = graph.named(KINDS["resources"].write_query)
    started = time.perf_counter()
    for row in rows:
        graph.write(query, rows=[row])
    return len(rows) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--naive", type=int, default=5_000)
    parser.add_argument("--batch-size", type=int, default=None, help="rows per batch (default: the setting)")
    parser.add_argument("--repeat", type=int, default=3, help="imports of each file (the median decides)")
    args = parser.parse_args()
    print(host.describe("before"), flush=True)
    with tempfile.TemporaryDirectory(prefix="gongjian-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        areas, units, resources_csv, resources_xlsx = generate(folder, args.rows)
        print(
            f"generated {args.rows:,} resource rows (CSV and XLSX) in {time.perf_counter() - started:.1f} s"
        )
        settings = Settings(data_dir=folder / "graph", _env_file=None)  # type: ignore[call-arg]
        with Graph.open(f"embedded://{folder / 'graph'}?graph=bench", settings) as graph:
            init_schema(graph)
            for kind, path in (("areas", areas), ("units", units)):
                report = run_import(graph, kind, [path])
                assert report.ok, kind
            csv_rates, xlsx_rates = [], []
            for run in range(1, args.repeat + 1):
                seconds, rows = timed_import(graph, resources_csv, folder / "graph", args.batch_size)
                csv_rates.append(rows / seconds)
                print(f"run {run} CSV  (GBK): {rows:,} rows in {seconds:.2f} s = {csv_rates[-1]:,.0f} rows/s")
                seconds, rows = timed_import(graph, resources_xlsx, folder / "graph", args.batch_size)
                xlsx_rates.append(rows / seconds)
                print(
                    f"run {run} XLSX:       {rows:,} rows in {seconds:.2f} s = {xlsx_rates[-1]:,.0f} rows/s"
                )
            csv_rate = statistics.median(csv_rates)
            print(
                f"median of {args.repeat}: CSV {csv_rate:,.0f} rows/s, "
                f"XLSX {statistics.median(xlsx_rates):,.0f} rows/s"
            )
            again = time.perf_counter()
            report = run_import(graph, "resources", [resources_xlsx], ImportOptions(errors_workbook=False))
            print(
                f"re-import XLSX (all unchanged: {report.total('unchanged'):,}): "
                f"{rows / (time.perf_counter() - again):,.0f} rows/s"
            )
            naive_rate = naive(graph, resources_csv, args.naive)
            print(f"naive row-at-a-time MERGE on {args.naive:,} rows: {naive_rate:,.0f} rows/s")
            print(f"batched CSV import / naive loop: {csv_rate / naive_rate:.1f}x")
            verdict = "meets" if csv_rate >= 20_000 else "misses"
            print(f"target >= 20,000 rows/s from CSV (median): {verdict}")
    print(host.describe("after"))


if __name__ == "__main__":
    main()
