"""``tthc extract``: documents in, task tables out."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import DATE

if TYPE_CHECKING:
    from ..files import OutputFolder

DEFAULT_DIR_FORMATS = ("json", "xlsx")


@dataclass(frozen=True)
class Outcome:
    source: str
    kind: str = ""
    tasks: int = 0
    indicators: int = 0
    warnings: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Input:
    """A document to read (None: standard input) and the name its outputs get
    (its path below the folder given, without the suffix)."""

    source: Path | None
    name: Path


def _inputs(paths: tuple[str, ...], output: Path | None) -> list[Input]:
    """Files to read, folders expanded (sorted, recursively; the output folder, when
    it is inside one, is left out: its workbooks are what an earlier run wrote).
    Two documents that would give the same output name ("plan.txt" and
    "plan.docx") keep their suffix in it ("plan.txt.json", "plan.docx.json"), so
    neither overwrites the other."""
    from ..readers.formats import BY_SUFFIX

    skip = output.resolve() if output is not None else None

    found: list[Input] = []
    for raw in paths:
        if raw == "-":
            found.append(Input(None, Path("stdin")))
            continue
        path = Path(raw)
        if path.is_dir():
            found.extend(Input(p, p.relative_to(path).with_suffix(""))
                         for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in BY_SUFFIX
                         and (skip is None or skip not in p.resolve().parents))
        else:
            found.append(Input(path, Path(path.stem)))
    names = Counter(i.name for i in found)
    return [Input(i.source, i.name.with_name(i.source.name)) if names[i.name] > 1 and i.source else i
            for i in found]


@dataclass(frozen=True)
class Job:
    """One document to extract and the formats to write it in (sent to a worker process)."""

    document: Input
    as_of: date | None
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Done:
    """A job's outcome and, when it succeeded, the bytes of each format."""

    outcome: Outcome
    outputs: tuple[tuple[str, bytes], ...] = ()


def run_job(job: Job) -> Done:
    """Extract one document and write it in every format, in memory; a bad document
    gives an Outcome with its error instead."""
    from ..errors import TthcError
    from ..extract import extract_bytes, extract_path
    from ..writers import write_table

    source = job.document.source
    label = str(source) if source is not None else "<stdin>"
    try:
        if source is None:
            table = extract_bytes(sys.stdin.buffer.read(), "stdin.txt", as_of=job.as_of)
        else:
            table = extract_path(source, as_of=job.as_of)
        outputs = tuple((fmt, write_table(table, fmt)) for fmt in job.formats)
    except (TthcError, OSError) as exc:
        return Done(Outcome(label, error=str(exc)))
    return Done(Outcome(label, table.document.kind, len(table.tasks), len(table.indicators), len(table.warnings)),
                outputs)


# A two-line letter extracted before the workers start: what it loads (modules, data files,
# the tagger's model) the worker processes inherit instead of each loading it again.
_WARM_UP = ("ỦY BAN NHÂN DÂN TỈNH\nCÔNG VĂN\n"
            "1. Sở Tư pháp chủ trì, phối hợp với Văn phòng UBND tỉnh rà soát thủ tục hành chính, "
            "hoàn thành trước ngày 15/02/2025.\n").encode("utf-8")


def _warm_up() -> None:
    from ..errors import TthcError
    from ..extract import extract_bytes
    from ..writers import write_table

    try:
        table = extract_bytes(_WARM_UP, "warm-up.txt")
        for fmt in DEFAULT_DIR_FORMATS:
            write_table(table, fmt)
    except TthcError:
        pass  # a broken install: every job meets the same error and reports it at its document


def _save_manifest(folder: OutputFolder | None) -> bool:
    """Save the output folder's manifest; False (the error told) when it cannot be written."""
    if folder is None:
        return True
    from ..errors import TthcError

    try:
        folder.save()
    except (TthcError, OSError) as exc:
        click.echo(f"error: {folder.manifest}: cannot record the files written: {exc}", err=True)
        return False
    return True


def _destination(document: Input, out: Path, fmt: str, single_file: bool) -> Path:
    from ..writers import suffix_for

    if single_file:
        return out.with_suffix(suffix_for(fmt))
    return out / f"{document.name}{suffix_for(fmt)}"


def _summary(outcomes: list[Outcome]) -> str:
    done = [o for o in outcomes if o.error is None]
    width = max([len(o.source) for o in outcomes] + [8])
    lines = [f"{'document':<{width}}  {'kind':<10} {'tasks':>5} {'KPIs':>5} {'warn':>5}"]
    for o in outcomes:
        if o.error is None:
            lines.append(f"{o.source:<{width}}  {o.kind:<10} {o.tasks:>5} {o.indicators:>5} {o.warnings:>5}")
        else:
            lines.append(f"{o.source:<{width}}  FAILED: {o.error}")
    lines.append(f"{len(done)} of {len(outcomes)} documents, {sum(o.tasks for o in done)} tasks, "
                 f"{sum(o.indicators for o in done)} indicators, {sum(o.warnings for o in done)} warnings")
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "formats", type=click.Choice(["json", "csv", "xlsx", "md"]), multiple=True,
              help="Output format (repeatable). Default: JSON on stdout for one file, "
                   "JSON and XLSX per document with -o DIR.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (one input) or folder (several inputs or a folder).")
@click.option("--as-of", type=DATE,
              help="Add the successor of each agency abolished by this date (dd/mm/yyyy or yyyy-mm-dd).")
@click.option("--force", is_flag=True, help="Overwrite output files that already exist.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Documents extracted at once, each in its own process. Default: the number of cores.")
def extract(paths: tuple[str, ...], formats: tuple[str, ...], output: Path | None, as_of: date | None,
            force: bool, jobs: int | None) -> None:
    """Extract the task table of each document in PATHS (files, folders, or - for stdin).

    Reads .txt/.md (tab-cell, pipe and tab-row layouts, prose), .docx, .pdf,
    .html, .doc, and task tables kept in .xlsx/.ods/.xls. Exit code 0: all
    read; 1: some inputs failed (the others are still written); 2: usage error.
    """
    from ..batch import available_cores, map_in_order
    from ..errors import TthcError
    from ..files import OutputFolder, write_bytes_atomic
    from ..writers import format_for

    inputs = _inputs(paths, output)
    if not inputs:
        raise click.UsageError(f"no readable documents in {', '.join(paths)}")
    many = len(inputs) > 1 or any(Path(p).is_dir() for p in paths if p != "-")
    if output is None and many:
        raise click.UsageError("several documents need -o/--output FOLDER")
    if output is None and "xlsx" in formats:
        raise click.UsageError("XLSX is binary: give -o/--output FILE.xlsx")
    if formats:
        chosen = formats
    elif output is None:
        chosen = ("json",)
    elif many or not output.suffix:
        chosen = DEFAULT_DIR_FORMATS
    else:
        chosen = (format_for(output),)
    outcomes: list[Outcome] = []
    single_file = not many and output is not None and bool(output.suffix)
    folder = OutputFolder(output, force=force) if output is not None and not single_file else None
    # Standard input can be read by this process only.
    workers = 1 if any(i.source is None for i in inputs) else (jobs or available_cores())
    batch = [Job(document, as_of, chosen[:1] if output is None else chosen) for document in inputs]
    try:
        with click.progressbar(map_in_order(run_job, batch, workers, warm_up=_warm_up), length=len(batch),
                               label="Extracting", file=sys.stderr, hidden=not sys.stderr.isatty(),
                               item_show_func=lambda done: done.outcome.source if done else None) as bar:
            for job, done in zip(batch, bar):
                outcome = done.outcome
                try:
                    for fmt, data in done.outputs:
                        if output is None:
                            click.echo(data.decode("utf-8"), nl=False)
                        elif folder is None:
                            write_bytes_atomic(_destination(job.document, output, fmt, True), data, force=force)
                        else:
                            folder.write(_destination(job.document, output, fmt, False), data)
                except (TthcError, OSError) as exc:
                    outcome = Outcome(outcome.source, error=str(exc))
                outcomes.append(outcome)
                if outcome.error is not None:
                    click.echo(f"error: {outcome.error}", err=True)
    finally:  # what was written is recorded, even when the run is interrupted
        recorded = _save_manifest(folder)
    if output is not None:
        click.echo(_summary(outcomes))
    if any(o.error for o in outcomes) or not recorded:
        sys.exit(1)

