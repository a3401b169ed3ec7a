"""The long fuzz campaign behind ``scripts/fuzz.sh``: cases of every format in
turn, each command run in a forked child (``runner.py``), until the time is up or
the number of cases is reached; prints per format how many runs were ok, clean
errors, tracebacks, timeouts, over memory and failed runs that changed the
database, and keeps every failing input for replay.

    python tests/fuzz/campaign.py [MINUTES] [--cases N] [--seed N] [--jobs N] [--keep DIR]

Case number ``i`` is drawn from ``random.Random(f"{seed}-{i}")`` whatever worker
runs it, so ``--cases N --seed S`` gives the same inputs, and the same counts,
with any ``--jobs``. With MINUTES alone the campaign stops starting cases when
the time is up (the count then depends on the machine's speed); with both, at
whichever comes first.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.cases import (FORMATS, command_lines, database_of, make_case, warm_up_commands,  # noqa: E402
                        write_inputs)
from fuzz.runner import Outcome, clean_failure, run_cli, warm_up  # noqa: E402

GOOD = (Outcome.OK, Outcome.CLEAN_ERROR)


@dataclass(frozen=True)
class CaseResult:
    fmt: str
    outcomes: tuple[Outcome, ...]
    slowest: float
    peak: int


def run_case(number: int, seed: int, keep: Path) -> CaseResult:
    """Case ``number`` of the campaign of ``seed``: every command of its format on
    its damaged input; a failing input is kept in ``keep`` with its command."""
    fmt = FORMATS[number % len(FORMATS)]
    case = make_case(fmt, random.Random(f"{seed}-{number}"))
    outcomes, slowest, peak = [], 0.0, 0
    with tempfile.TemporaryDirectory() as folder:
        values = write_inputs(case, Path(folder))
        for command in command_lines(case, values):
            result = run_cli(command, Path(folder), database=database_of(values, command))
            outcome = result.outcome
            if not clean_failure(result, case.name):
                outcome = Outcome.TRACEBACK  # a failure that does not say what failed
            outcomes.append(outcome)
            slowest, peak = max(slowest, result.seconds), max(peak, result.peak_bytes)
            if outcome not in GOOD:
                kept = keep / f"{number}-{fmt}-{case.mutation.replace(' ', '-')}"
                kept.mkdir(parents=True, exist_ok=True)
                (kept / case.name).write_bytes(case.data)
                (kept / "run.txt").write_text(f"tthc {' '.join(command)}\n{result.problem()}\n")
    return CaseResult(fmt, tuple(outcomes), slowest, peak)


def _results(args: argparse.Namespace):
    """Each case's result, cases numbered from 0, in up to ``args.jobs`` workers
    forked from this (warmed-up) process."""
    end = time.monotonic() + args.minutes * 60 if args.minutes is not None else None
    limit = args.cases

    def more(number: int) -> bool:
        return (limit is None or number < limit) and (end is None or time.monotonic() < end)

    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: set[Future] = set()
        number = 0
        while True:
            while more(number) and len(pending) < 2 * args.jobs:
                pending.add(pool.submit(run_case, number, args.seed, args.keep))
                number += 1
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("minutes", type=float, nargs="?", help="stop starting cases after this many minutes")
    parser.add_argument("--cases", type=int, help="stop after this many inputs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args(argv)
    if args.minutes is None and args.cases is None:
        parser.error("give MINUTES, --cases N, or both")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    with tempfile.TemporaryDirectory() as folder:
        warm_up(warm_up_commands(Path(folder)), Path(folder))
    counts: dict[str, Counter] = {fmt: Counter() for fmt in FORMATS}
    slowest = peak = 0.0
    number = 0
    for result in _results(args):
        counts[result.fmt].update(result.outcomes)
        slowest, peak = max(slowest, result.slowest), max(peak, result.peak)
        number += 1
    names = list(Outcome)
    print(f"{'format':<14}" + "".join(f"{o.value:>13}" for o in names) + f"{'runs':>8}")
    for fmt, counter in counts.items():
        print(f"{fmt:<14}" + "".join(f"{counter[o]:>13}" for o in names) + f"{sum(counter.values()):>8}")
    total = sum(counts.values(), Counter())
    print(f"{'all':<14}" + "".join(f"{total[o]:>13}" for o in names) + f"{sum(total.values()):>8}")
    print(f"{number} inputs (seed {args.seed}, {args.jobs} job(s)); slowest run {slowest:.1f} s; "
          f"highest peak memory {peak / 2**20:.0f} MB")
    bad = sum(total[o] for o in names if o not in GOOD)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
