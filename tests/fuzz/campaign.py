"""The long fuzz campaign behind ``scripts/fuzz.sh MINUTES``: cases of every
format in turn, each command run in a forked child (``runner.py``), until the
time is up; prints per format how many runs were ok, clean errors, tracebacks,
timeouts and over memory, and keeps every failing input for replay.

    python tests/fuzz/campaign.py MINUTES [--seed N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.cases import FORMATS, command_lines, make_case, warm_up_commands, write_inputs  # noqa: E402
from fuzz.runner import Outcome, clean_failure, run_cli, warm_up  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("minutes", type=float)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        warm_up(warm_up_commands(Path(folder)), Path(folder))
    counts: dict[str, Counter] = {fmt: Counter() for fmt in FORMATS}
    slowest = peak = 0.0
    end = time.monotonic() + args.minutes * 60
    number = 0
    while time.monotonic() < end:
        fmt = FORMATS[number % len(FORMATS)]
        case = make_case(fmt, random.Random(f"{args.seed}-{number}"))
        with tempfile.TemporaryDirectory() as folder:
            values = write_inputs(case, Path(folder))
            for command in command_lines(case, values):
                result = run_cli(command, Path(folder))
                outcome = result.outcome
                if not clean_failure(result, case.name):
                    outcome = Outcome.TRACEBACK  # a failure that does not say what failed
                counts[fmt][outcome] += 1
                slowest, peak = max(slowest, result.seconds), max(peak, result.peak_bytes)
                if outcome not in (Outcome.OK, Outcome.CLEAN_ERROR):
                    kept = args.keep / f"{number}-{fmt}-{case.mutation.replace(' ', '-')}"
                    kept.mkdir(parents=True, exist_ok=True)
                    (kept / case.name).write_bytes(case.data)
                    (kept / "run.txt").write_text(f"tthc {' '.join(command)}\n{result.problem()}\n")
        number += 1
    names = [o for o in Outcome]
    print(f"{'format':<14}" + "".join(f"{o.value:>13}" for o in names) + f"{'runs':>8}")
    for fmt, counter in counts.items():
        print(f"{fmt:<14}" + "".join(f"{counter[o]:>13}" for o in names) + f"{sum(counter.values()):>8}")
    total = sum(counts.values(), Counter())
    print(f"{'all':<14}" + "".join(f"{total[o]:>13}" for o in names) + f"{sum(total.values()):>8}")
    print(f"{number} inputs; slowest run {slowest:.1f} s; highest peak memory {peak / 2**20:.0f} MB")
    bad = sum(total[o] for o in names if o not in (Outcome.OK, Outcome.CLEAN_ERROR))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
