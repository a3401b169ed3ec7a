"""How fast the web workspace answers on loopback, and what HTTP costs over the
same calls made in-process on the registry.

    python benchmarks/web_bench.py [--tasks 2000] [--clients 20] [--seconds 30]

One run, on a fresh SQLite registry in a temporary folder, against ``tthc serve``
started in a child process (uvicorn, one worker):

1. the plan page of a synthetic plan of ``--tasks`` tasks (the diff benchmark's
   generator): median time of 5 loads and its size in bytes;
2. upload + extract of each corpus document through ``POST /api/documents``;
3. ``--clients`` concurrent clients for ``--seconds`` s, each in turn editing a
   task of its own (``PATCH /api/tasks/{key}``, a note) and listing a plan's
   tasks (``GET /api/plans/{plan}/tasks``): the errors (any answer but 200),
   p50/p95 of each call; then the same calls on the registry in-process, with
   the same number of threads for the same time, and the ratio of the two.

Goals (issue 9): p95 of an edit under 200 ms, the plan page under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests" / "web")]

from browser_helpers import running_server  # noqa: E402  (the tests' loopback server)
from diff_bench import synthetic_plans  # noqa: E402

from tthc_docs.models import DocumentInfo, TaskTable  # noqa: E402
from tthc_docs.registry import Actor, Registry, Via  # noqa: E402

TOKEN = "web-bench-token"
CORPUS = ROOT / "corpus"
LISTED = "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.txt"  # the listing reads seed 002 (~130 tasks)


def big_plan(size: int) -> bytes:
    tasks, _, _, _ = synthetic_plans(size)
    table = TaskTable(source=f"ke-hoach-{size}-nhiem-vu.json",
                      document=DocumentInfo(kind="ke_hoach", number=f"{size}/KH-UBND", date=date(2025, 1, 2),
                                            title=f"Kế hoạch thử {size} nhiệm vụ"),
                      tasks=tuple(tasks))
    return json.dumps(table.to_dict(), ensure_ascii=False).encode("utf-8")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def hammer(clients: int, seconds: float, edit: Callable[[int, int], bool], listing: Callable[[], bool]
           ) -> tuple[dict[str, list[float]], int, int]:
    """``clients`` threads alternating edit and listing for ``seconds``:
    latencies by call, calls made, calls that failed."""
    times: dict[str, list[float]] = {"edit": [], "list": []}
    counts = {"calls": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        turn = 0
        while time.monotonic() < stop:
            for name, call in (("edit", lambda: edit(number, turn)), ("list", listing)):
                start = time.perf_counter()
                ok = call()
                took = time.perf_counter() - start
                with lock:
                    times[name].append(took)
                    counts["calls"] += 1
                    counts["errors"] += 0 if ok else 1
            turn += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, counts["calls"], counts["errors"]


def report_load(label: str, times: dict[str, list[float]], calls: int, errors: int, seconds: float) -> None:
    print(f"  {label}: {calls} calls ({calls / seconds:.0f}/s), {errors} errors; "
          + "; ".join(f"{name} p50 {ms(percentile(v, 0.5))} p95 {ms(percentile(v, 0.95))}"
                      for name, v in times.items()))


def main(size: int, clients: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="tthc-web-bench-") as work:
        db = Path(work) / "registry.sqlite3"
        with running_server(db, TOKEN) as server, server.api() as api:
            print(f"tthc serve on {server.url} (uvicorn, SQLite {db.name})")
            documents = sorted(p for p in CORPUS.iterdir() if p.is_file())
            print(f"\nUpload + extract of the {len(documents)} corpus documents (POST /api/documents):")
            listed = None
            for path in documents:
                start = time.perf_counter()
                response = api.post("/api/documents", files={"file": (path.name, path.read_bytes())})
                took = time.perf_counter() - start
                body = response.json()
                print(f"  {path.name}: {response.status_code}, {body.get('tasks', '-')} tasks, {ms(took)}")
                if path.name == LISTED and response.status_code == 201:
                    listed = body["plan"]

            response = api.post("/api/documents", files={"file": (f"ke-hoach-{size}.json", big_plan(size))})
            assert response.status_code == 201, response.text
            plan = response.json()["plan"]
            loads, size_bytes = [], 0
            for _ in range(5):
                start = time.perf_counter()
                page = api.get(f"/plans/{plan}")
                loads.append(time.perf_counter() - start)
                assert page.status_code == 200
                size_bytes = len(page.content)
            rows = page.text.count('<tr class="task')
            print(f"\nPlan page of {size} tasks (GET /plans/{plan}, {rows} rows): median {ms(statistics.median(loads))} "
                  f"(min {ms(min(loads))}, max {ms(max(loads))}), {size_bytes:,} bytes "
                  f"({'under' if statistics.median(loads) < 0.3 else 'OVER'} the 300 ms goal)")

            tasks = api.get(f"/api/plans/{plan}/tasks").json()["tasks"]
            mine = [tasks[n::clients] for n in range(clients)]
            versions = {t["key"]: t["version"] for t in tasks}
            http_clients = [server.api() for _ in range(clients)]

            def http_edit(number: int, turn: int) -> bool:
                task = mine[number][turn % len(mine[number])]
                answer = http_clients[number].patch(f"/api/tasks/{task['key']}", json={
                    "version": versions[task["key"]], "note": f"ghi chú {turn}"})
                if answer.status_code == 200:
                    versions[task["key"]] = answer.json()["version"]
                return answer.status_code == 200

            def http_list() -> bool:
                return api.get(f"/api/plans/{listed or plan}/tasks").status_code == 200

            print(f"\n{clients} clients for {seconds:.0f} s, each editing its own tasks and listing plan "
                  f"{listed or plan}:")
            http_times, calls, errors = hammer(clients, seconds, http_edit, http_list)
            report_load("HTTP", http_times, calls, errors, seconds)
            for client in http_clients:
                client.close()

        with Registry(url=f"sqlite:///{db}") as registry:
            actor = Actor("bench", Via.WEB)
            records = {r.key: r.version for r in registry.tasks(plan=plan)}

            def local_edit(number: int, turn: int) -> bool:
                key = mine[number][turn % len(mine[number])]["key"]
                records[key] = registry.update_task(key, expected_version=records[key],
                                                    changes={"note": f"ghi chú tại chỗ {turn}"}, actor=actor).version
                return True

            def local_list() -> bool:
                registry.tasks(plan=listed or plan)
                return True

            local_times, local_calls, local_errors = hammer(clients, seconds, local_edit, local_list)
            report_load("in-process", local_times, local_calls, local_errors, seconds)
        print("\nHTTP overhead (HTTP / in-process):")
        for name in ("edit", "list"):
            for share, label in ((0.5, "p50"), (0.95, "p95")):
                ratio = percentile(http_times[name], share) / percentile(local_times[name], share)
                print(f"  {name} {label}: {ratio:.2f}×")
        print(f"  throughput: {calls / max(local_calls, 1):.2f}× the in-process calls")
        edit_p95 = percentile(http_times["edit"], 0.95)
        print(f"\nGoal: edit p95 {ms(edit_p95)} ({'under' if edit_p95 < 0.2 else 'OVER'} 200 ms), "
              f"{errors} errors")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    options = parser.parse_args()
    main(options.tasks, options.clients, options.seconds)
