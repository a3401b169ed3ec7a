"""Apology slips: time per slip and peak memory, ours against the plain docxtpl loop.

    python benchmarks/render_bench.py [N]        (default N = 1000)

Both render the shipped template phieu_xin_loi.docx with the same N contexts
(the rows of examples/ho-so-tre-han.xlsx repeated, each with its own code) and
write one .docx per slip into a temporary folder:

- ours: ``tthc_docs.render`` — template patched and compiled once, cached zip
  members, rendered parts appended per slip (what ``tthc render apology`` does);
- docxtpl: per slip, ``DocxTemplate(path)``, ``render(context, jinja_env)`` with
  the same sandboxed autoescaping environment, ``save(path)``.

Time is measured without tracing; memory in a second pass under tracemalloc
(peak over the whole batch, and the memory still held after the first 10% of
slips and after all of them, which should be about equal: flat).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

from docxtpl import DocxTemplate

from tthc_docs.files import write_bytes_atomic
from tthc_docs.render.apology import slip_context
from tthc_docs.render.documents import TEMPLATE_FILES, load_template
from tthc_docs.render.dossiers import read_dossiers
from tthc_docs.render.engine import sandboxed_environment, shipped_template
from tthc_docs.render.meta import load_meta

ROOT = Path(__file__).resolve().parents[1]


def contexts(n: int) -> list[dict]:
    sheet = read_dossiers(ROOT / "examples" / "ho-so-tre-han.xlsx")
    meta = load_meta(ROOT / "examples" / "apology.meta.yaml", "apology")
    rows = sheet.dossiers
    return [slip_context(replace(rows[i % len(rows)], code=f"{rows[i % len(rows)].code}-{i:05d}"), meta, i + 1)
            for i in range(n)]


def ours(items: list[dict], out: Path, marks: dict[str, int] | None = None) -> None:
    template = load_template("apology")
    for i, context in enumerate(items):
        write_bytes_atomic(out / f"ours-{i}.docx", template.render(context), force=True)
        if marks is not None and i + 1 == len(items) // 10:
            marks["after 10%"] = tracemalloc.get_traced_memory()[0]


def plain_docxtpl(items: list[dict], out: Path, marks: dict[str, int] | None = None) -> None:
    path = shipped_template(TEMPLATE_FILES["apology"])
    env = sandboxed_environment()
    for i, context in enumerate(items):
        document = DocxTemplate(path)
        document.render(context, jinja_env=env)
        document.save(out / f"docxtpl-{i}.docx")
        if marks is not None and i + 1 == len(items) // 10:
            marks["after 10%"] = tracemalloc.get_traced_memory()[0]


def timed(run, items: list[dict], out: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    run(items, out)
    return time.perf_counter() - start


def traced(run, items: list[dict], out: Path) -> dict[str, int]:
    gc.collect()
    marks: dict[str, int] = {}
    tracemalloc.start()
    run(items, out, marks)
    marks["after 100%"], marks["peak"] = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return marks


def main(n: int) -> None:
    items = contexts(n)
    results = {}
    with tempfile.TemporaryDirectory(prefix="tthc-bench-") as tmp:
        out = Path(tmp)
        for name, run in (("ours", ours), ("docxtpl", plain_docxtpl)):
            seconds = timed(run, items, out)
            memory = traced(run, items, out)
            results[name] = seconds
            print(f"{name:8s} {n} slips: {1000 * seconds / n:6.2f} ms/slip ({seconds:5.1f} s); "
                  f"peak {memory['peak'] / 2**20:5.1f} MiB; held after 10% {memory['after 10%'] / 2**20:5.1f} MiB, "
                  f"after 100% {memory['after 100%'] / 2**20:5.1f} MiB")
    print(f"speed-up: {results['docxtpl'] / results['ours']:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=1000, help="slips rendered by each side (default 1000)")
    args = parser.parse_args()
    if args.n < 10:
        parser.error("n must be at least 10: memory is sampled after the first tenth of the slips")
    main(args.n)
