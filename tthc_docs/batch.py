"""Running one function over many items on every core, results in the items' order.

A batch of documents is embarrassingly parallel: each is read and understood alone.
Worker processes (not threads: extraction is pure Python and holds the GIL) take
items one at a time, so a long document does not hold up a queue behind it. On
Linux they are forked after a warm-up in this process has loaded the modules, data
files and models: each worker inherits them instead of loading them again.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows: no affinity call
        return os.cpu_count() or 1


def map_in_order(function: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                 warm_up: Callable[[], object] | None = None) -> Iterator[Result]:
    """``function`` over ``items``, yielding each result in the order of ``items``, as
    soon as it and those before it are done. ``jobs`` > 1 runs that many worker
    processes (never more than there are items), after ``warm_up``, when given, has
    run here; ``function`` must then be a module-level function and its items and
    results picklable. What this process holds when the workers start is frozen out of
    the garbage collector's sight for good (``gc.freeze``). An exception raised by
    ``function`` is raised here, at its item."""
    workers = min(jobs, len(items))
    if workers <= 1:
        yield from map(function, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if warm_up is not None:
        warm_up()
    # Fork (Linux) hands the warmed-up memory to the workers as it is; elsewhere fork is
    # unsafe or missing and each worker loads what it needs itself.
    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    # What is loaded by now lives as long as the process: out of the collector's sight,
    # the workers' collections do not write to (and so copy) the pages they share. It stays
    # frozen (as nlp.pipeline.load_pipeline leaves the pipeline): unfreezing would hand it
    # all back to the collector, whose last pass at exit then costs a batch 0.3 s.
    gc.freeze()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(function, items)
