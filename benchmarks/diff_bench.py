"""How fast ``tthc diff`` pairs the tasks of two versions of a large plan.

    python benchmarks/diff_bench.py [--sizes 500 1000 2000] [--naive-size 1000]

Builds two synthetic plans per size (the second with 10 % of the tasks changed:
reworded, re-dated, re-assigned, moved, removed, added), times
:func:`tthc_docs.diff.match.match_tasks` on each, then compares it on the
``--naive-size`` plans with the naive way: an all-pairs loop of
``difflib.SequenceMatcher`` for the content similarity (same supporting evidence,
same thresholds, same optimal assignment), and checks both find the same pairs.
The naive loop takes minutes on 1,000 tasks; that is the point.

Then the worst cases, each in a child process whose wall time and peak memory
are measured (goal: under 10 s and 1 GB at 5,000 × 5,000): every task of both
versions with one identical short text, the same with one word added to every
new text (all equal scores: only position tells the pairs apart), and every task
of the new version reworded. Past ``exact_pairs`` (data/diff.yaml) only candidates are compared;
the recall is how many tasks were paired with the task they were built from.

    python benchmarks/diff_bench.py --worst-only [--worst-size 5000]
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import numpy as np

from tthc_docs.diff.match import assign, match_tasks, support_similarity
from tthc_docs.diff.normal import canonical, match_key
from tthc_docs.diff.settings import settings
from tthc_docs.models import Deadline, Task

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AGENCIES = ["Văn phòng UBND tỉnh", "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ",
            "Sở Xây dựng", "Sở Y tế", "Công an tỉnh", "UBND cấp huyện", "UBND cấp xã"]
SECTIONS = ["Kiểm soát thủ tục hành chính", "Cải cách thủ tục hành chính", "Chuyển đổi số",
            "Thông tin, tuyên truyền", "Kiểm tra, giám sát"]


@cache
def _clauses() -> tuple[str, ...]:
    """Clauses of the seed documents (4–16 words), the material of synthetic tasks."""
    found = set()
    for path in sorted(CORPUS.glob("*.txt")):
        for clause in re.split(r"[,;.:\n\t|()]+", path.read_text("utf-8")):
            words = clause.split()
            if 4 <= len(words) <= 16 and not any(ch.isdigit() for ch in clause):
                found.add(" ".join(words))
    return tuple(sorted(found))


def _content(rng: random.Random) -> str:
    """A task text: two or three clauses of the seeds, so that two unrelated tasks
    are about as alike as two unrelated tasks of a real plan."""
    return ", ".join(rng.sample(_clauses(), rng.randrange(2, 4)))


def _deadline(rng: random.Random) -> Deadline:
    due = date(2025, 1, 31) + timedelta(days=30 * rng.randrange(12))
    return Deadline(text=f"Trước ngày {due:%d/%m/%Y}", kind="date", due=due)


def _task(rng: random.Random, number: int) -> Task:
    return Task(id=str(number), content=_content(rng), section=rng.choice(SECTIONS),
                lead=(rng.choice(AGENCIES),), coordinating=tuple(rng.sample(AGENCIES, 2)),
                deadline=_deadline(rng))


def _reword(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    words[rng.randrange(len(words))] = rng.choice(["thực hiện", "đẩy mạnh", "kịp thời"])
    return " ".join(words)


def synthetic_plans(size: int, seed: int = 2025) -> tuple[list[Task], list[Task], int, int]:
    """An old plan of ``size`` tasks and a new one with 10 % of them changed
    (2 % removed, 2 % added, 4 % reworded, 1 % re-dated and re-assigned, 1 %
    moved to another section); also how many tasks changed and how many old
    tasks are still in the new plan (the pairs a matcher should find)."""
    rng = random.Random(seed + size)
    old = [_task(rng, i + 1) for i in range(size)]
    new: list[Task] = []
    kept = changed = 0
    for t in old:
        roll = rng.random()
        changed += roll < 0.08 or roll >= 0.98
        if roll < 0.02:
            continue
        kept += 1
        if roll < 0.06:
            t = replace(t, content=_reword(rng, t.content))
        elif roll < 0.07:
            t = replace(t, deadline=_deadline(rng), lead=(rng.choice(AGENCIES),))
        elif roll < 0.08:
            t = replace(t, section=rng.choice([s for s in SECTIONS if s != t.section]))
        new.append(t)
        if roll >= 0.98:
            new.append(_task(rng, 0))
    return old, [replace(t, id=str(i + 1)) for i, t in enumerate(new)], changed, kept


def naive_pairs(old: list[Task], new: list[Task]) -> set[tuple[int, int]]:
    """The same matching with difflib in an all-pairs Python loop."""
    config = settings().matching
    weights = config.weights
    old_keys, new_keys = [match_key(t.content) for t in old], [match_key(t.content) for t in new]
    content = np.zeros((len(old), len(new)))
    for i, a in enumerate(old_keys):
        for j, b in enumerate(new_keys):
            content[i, j] = difflib.SequenceMatcher(None, a, b).ratio()
    score = weights["content"] * content + support_similarity(old, new, config)
    eligible = (content >= config.content_min) & (score >= config.score_min)
    return set(assign(score, eligible))


def worst_case(kind: str, size: int) -> tuple[list[Task], list[Task]]:
    """Two versions of ``size`` tasks: all with one identical short text, the same
    with a word added to the second, or the second with every task reworded twice."""
    if kind in ("identical", "alike"):
        make = [Task(id=str(i + 1), content="Tổ chức thực hiện", lead=("Sở Nội vụ",)) for i in range(size)]
        added = " tốt" if kind == "alike" else ""
        return make, [replace(t, content=t.content + added) for t in make]
    rng = random.Random(size)
    old = [_task(rng, i + 1) for i in range(size)]
    return old, [replace(t, content=_reword(rng, _reword(rng, t.content))) for t in old]


def rebuilt_pairs(old: list[Task], new: list[Task]) -> int:
    """How many tasks are paired with the task they were built from (same index)."""
    return sum(p.old == p.new for p in match_tasks(old, new).pairs)


def _measure_child(kind: str, size: int) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and pairs rebuilt of matching one worst case in a child."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--child", kind, str(size)], stdout=subprocess.PIPE)
    found = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {kind} child failed")
    return seconds, usage.ru_maxrss / 1024, int(found)


def worst_cases(size: int) -> bool:
    good = True
    for kind in ("identical", "alike", "reworded"):
        seconds, megabytes, found = _measure_child(kind, size)
        ok = seconds < 10 and megabytes < 1024
        good &= ok
        print(f"worst case {kind:<9} {size:,} × {size:,}: {seconds:6.2f} s (with start-up), "
              f"peak {megabytes:6.0f} MB (goal < 10 s, < 1 GB) {'OK' if ok else 'TOO COSTLY'}; "
              f"recall {found:,} / {size:,} = {found / size:.1%}", flush=True)
    return good


def fast_pairs(old: list[Task], new: list[Task]) -> set[tuple[int, int]]:
    # Timed cold: no text normalised by an earlier run is remembered.
    canonical.cache_clear()
    match_key.cache_clear()
    matching = match_tasks(old, new)
    return {(p.old, p.new) for p in matching.pairs}


def _timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--naive-size", type=int, default=1000)
    parser.add_argument("--worst-size", type=int, default=5000)
    parser.add_argument("--worst-only", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(rebuilt_pairs(*worst_case(args.child[0], int(args.child[1]))))
        return 0
    if args.worst_only:
        return 0 if worst_cases(args.worst_size) else 1
    # Warm-up: the first call pays for loading settings and compiling patterns.
    fast_pairs(*synthetic_plans(50)[:2])
    print(f"{'tasks':>6} {'changed':>8} {'pairs':>6} {'expected':>8} {'seconds':>8}")
    for size in args.sizes:
        old, new, changed, kept = synthetic_plans(size)
        pairs, seconds = _timed(fast_pairs, old, new)
        print(f"{size:>6} {changed:>8} {len(pairs):>6} {kept:>8} {seconds:>8.3f}")
    old, new, _, _ = synthetic_plans(args.naive_size)
    fast, fast_seconds = _timed(fast_pairs, old, new)
    print(f"naive difflib all-pairs loop on {args.naive_size} tasks …", flush=True)
    naive, naive_seconds = _timed(naive_pairs, old, new)
    same = fast == naive
    print(f"rapidfuzz + assignment: {fast_seconds:.3f} s; difflib loop: {naive_seconds:.1f} s; "
          f"speed-up {naive_seconds / fast_seconds:.0f}×; same matches: {'yes' if same else 'NO'}")
    if not same:
        print(f"  only fast: {sorted(fast - naive)[:10]}  only naive: {sorted(naive - fast)[:10]}")
    bounded = worst_cases(args.worst_size)
    return 0 if same and bounded else 1


if __name__ == "__main__":
    sys.exit(main())
