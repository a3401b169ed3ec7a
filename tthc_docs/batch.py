"""Running one function over many items on every core, results in the items' order.

A batch of documents is embarrassingly parallel: each is read and understood alone.
Worker processes (not threads: extraction is pure Python and holds the GIL) each load
the vocabularies and models once, then take items one at a time so a long document
does not hold up a queue behind it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows: no affinity call
        return os.cpu_count() or 1


def map_in_order(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> Iterator[Result]:
    """``function`` over ``items``, yielding each result in the order of ``items``, as
    soon as it and those before it are done. ``jobs`` > 1 runs that many worker
    processes (never more than there are items); ``function`` must then be a
    module-level function and its items and results picklable. An exception raised
    by ``function`` is raised here, at its item."""
    workers = min(jobs, len(items))
    if workers <= 1:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(function, items)
