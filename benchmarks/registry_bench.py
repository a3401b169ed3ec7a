"""How fast is the task registry at office scale?

    python benchmarks/registry_bench.py [--plans 100] [--tasks 200] [--postgres URL]

Builds 100 plans of 200 tasks (20,000 tasks) from the tasks of the seed tables
(numbers, agencies and due dates varied per plan), then measures:

* the time to add them (each plan one ``Registry.add`` of its task table);
* ``tasks(overdue=True)`` over every plan, ``tasks(agency=…, overdue=True)`` and
  the per-agency counts (``agency_progress``), each the median of 5 runs;
* the same overdue filter and per-agency counts done the way offices do it today:
  opening the 100 exported XLSX workbooks with openpyxl (one run; it is slow).

On SQLite always; on PostgreSQL with ``--postgres URL`` or ``TTHC_TEST_POSTGRES_URL``,
or else a throwaway server when the Debian binaries are installed (as the tests
do). Goal: each query under 200 ms on SQLite. Prints the numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "registry"))

from tthc_docs.models import Deadline, DocumentInfo, TaskTable  # noqa: E402
from tthc_docs.readers.tasktable import load_task_table  # noqa: E402
from tthc_docs.registry import Actor, Registry, Via  # noqa: E402
from tthc_docs.writers import write_table  # noqa: E402

AS_OF = date(2025, 6, 30)
AGENCY = "Sở Y tế"
DEPARTMENTS = ("Sở Y tế", "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Công Thương",
               "Sở Giáo dục và Đào tạo", "Văn phòng Ủy ban nhân dân tỉnh", "Các sở, ban, ngành",
               "Ủy ban nhân dân cấp huyện")


def plans(count: int, per_plan: int) -> list[TaskTable]:
    """``count`` plans of ``per_plan`` tasks each, from the seed tasks."""
    seeds = [t for path in sorted((ROOT / "extract").glob("*.json")) for t in load_task_table(path).tasks]
    out = []
    for n in range(count):
        tasks = []
        for i in range(per_plan):
            seed = seeds[(n * 37 + i) % len(seeds)]
            due = date(2024, 1, 1) + timedelta(days=(n * 13 + i * 7) % 900)
            deadline = Deadline(text=due.strftime("%d/%m/%Y"), kind="date", due=due) if i % 5 else seed.deadline
            status = ("done", "in_progress", None)[(n + i) % 3]
            tasks.append(replace(seed, id=str(i + 1), content=f"{seed.content} (kế hoạch {n + 1}, mục {i + 1})",
                                 lead=(DEPARTMENTS[(n + i) % len(DEPARTMENTS)],), deadline=deadline,
                                 status=status, completed_on=due if status == "done" else None))
        out.append(TaskTable(source=f"ke-hoach-{n + 1}.json", tasks=tuple(tasks), document=DocumentInfo(
            kind="ke_hoach", number=f"{n + 1}/KH-UBND", date=date(2024, 1, 1) + timedelta(days=n),
            title=f"Kế hoạch thử số {n + 1}")))
    return out


def median_ms(call, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def openpyxl_baseline(folder: Path) -> tuple[float, int, int]:
    """The overdue filter and per-agency counts by reading every workbook with openpyxl."""
    from openpyxl import load_workbook

    start = time.perf_counter()
    overdue, agencies = 0, Counter()
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path, read_only=True, data_only=True)
        rows = book["Nhiệm vụ"].iter_rows(values_only=True)
        header = next(rows)
        lead, due, status = (header.index(h) for h in ("Cơ quan chủ trì", "Hạn cuối", "Trạng thái"))
        for row in rows:
            day = row[due].date() if row[due] is not None else None
            if day is not None and day < AS_OF and row[status] != "Đã hoàn thành":
                overdue += 1
            for name in (row[lead] or "").split("; "):
                agencies[name] += 1
        book.close()
    return (time.perf_counter() - start) * 1000, overdue, len(agencies)


def measure(url: str, tables: list[TaskTable], folder: Path) -> dict[str, float]:
    actor = Actor("bench", Via.CLI)
    with Registry(url) as registry:
        start = time.perf_counter()
        for table in tables:
            data = write_table(table, "json")
            registry.add(Path(table.source), data=data, actor=actor)
        added_s = time.perf_counter() - start
        overdue_ms, overdue = median_ms(lambda: registry.tasks(overdue=True, as_of=AS_OF))
        agency_ms, of_agency = median_ms(lambda: registry.tasks(agency=AGENCY, overdue=True, as_of=AS_OF))
        counts_ms, counts = median_ms(lambda: registry.agency_progress(as_of=AS_OF))
        for table in tables:
            out = folder / f"{Path(table.source).stem}.xlsx"
            if not out.exists():
                out.write_bytes(write_table(registry.export_table(table.document.number), "xlsx"))
    total = sum(len(t.tasks) for t in tables)
    print(f"  add {len(tables)} plans / {total} tasks: {added_s:.1f} s ({added_s / len(tables) * 1000:.0f} ms a plan)")
    print(f"  tasks(overdue=True): {overdue_ms:.0f} ms, {len(overdue)} tasks")  # type: ignore[arg-type]
    print(f"  tasks(agency={AGENCY!r}, overdue=True): {agency_ms:.0f} ms, {len(of_agency)} tasks")  # type: ignore
    print(f"  agency_progress(): {counts_ms:.0f} ms, {len(counts)} agencies")  # type: ignore[arg-type]
    return {"add_s": added_s, "overdue_ms": overdue_ms, "agency_ms": agency_ms, "counts_ms": counts_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("TTHC_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    tables = plans(args.plans, args.tasks)
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tthc-registry-bench-")))
        folder = work / "xlsx"
        folder.mkdir()
        print(f"SQLite ({work / 'bench.sqlite3'}):")
        sqlite = measure(f"sqlite:///{work / 'bench.sqlite3'}", tables, folder)
        postgres_url = args.postgres
        if postgres_url is None:
            from postgres_server import fresh_database, initdb_binary, throwaway_cluster

            initdb = initdb_binary()
            if initdb is not None:
                server = stack.enter_context(throwaway_cluster(initdb))
                postgres_url = stack.enter_context(fresh_database(server, "tthc_bench"))
        if postgres_url:
            print("PostgreSQL:")
            measure(postgres_url, tables, folder)
        else:
            print("PostgreSQL: not measured (no server; give --postgres URL or install the 'postgresql' package)")
        baseline_ms, overdue, agencies = openpyxl_baseline(folder)
        print(f"Baseline: opening the {len(list(folder.glob('*.xlsx')))} exported XLSX files with openpyxl: "
              f"{baseline_ms:.0f} ms ({overdue} overdue, {agencies} lead agencies)")
        slowest = max(sqlite["overdue_ms"], sqlite["agency_ms"], sqlite["counts_ms"])
        print(f"SQLite slowest query {slowest:.0f} ms (goal < 200 ms); openpyxl baseline / slowest query: "
              f"{baseline_ms / slowest:.0f}×")


if __name__ == "__main__":
    main()
