"""The extraction pipeline: a document in, a :class:`~tthc_docs.models.TaskTable` out.

read (``readers``) → tables to rows (``tables.builder``) and prose to tasks
(``nlp.prose``) → metadata and understanding (``nlp``) → the typed table. Prose and
cells are understood through one spaCy pipeline (``nlp.pipeline.read``): the prose
splitter and the cell enrichment read the spans of the same Docs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from .models import AGENCY_ROLES, Task, TaskTable
from .readers import load_path, read_bytes, reader_of
from .blocks import RawDocument

# Kinds whose body gives tasks in numbered prose. Plans and decisions with a task
# table mostly summarise it in their body: there only items naming who acts are tasks.
PROSE_KINDS = ("chi_thi", "cong_van")
APPENDIX_PREFIX = "PL."


def extract_document(doc: RawDocument, *, as_of: date | None = None) -> TaskTable:
    from .nlp.enrich import enrich
    from .nlp.metadata import extract_metadata
    from .nlp.prose import prose_tasks
    from .tables.builder import build, prefix_ids

    meta = extract_metadata(doc)
    built = build(doc.tables)
    table_tasks = built.tasks
    has_table = bool(built.tasks or built.indicators)
    body_tasks = prose_tasks(doc, need_agency=has_table and meta.info.kind not in PROSE_KINDS,
                             reference=meta.reference)
    if body_tasks and table_tasks:
        table_tasks = prefix_ids(table_tasks, APPENDIX_PREFIX)
    tasks, renamed = unique_ids(body_tasks + table_tasks)
    enriched = enrich(tasks, built.indicators, reference=meta.reference, as_of=as_of)
    return TaskTable(
        source=Path(doc.name).name,
        document=meta.info,
        tasks=enriched.tasks,
        indicators=enriched.indicators,
        warnings=doc.warnings + built.warnings + meta.warnings + renamed + enriched.warnings + _nothing_found(tasks),
    )


def _nothing_found(tasks: tuple[Task, ...]) -> tuple[str, ...]:
    """A document read without error but giving no task is most often not the whole of
    one (a cover letter whose appendix is another file, a file cut short): say so."""
    if tasks:
        return ()
    return ("no task found: no task table and no numbered item naming who acts; if the "
            "tasks are in an appendix sent as a separate file, extract that file",)


def unique_ids(tasks: tuple[Task, ...]) -> tuple[tuple[Task, ...], tuple[str, ...]]:
    """Ids are keys downstream (XLSX round trip, diff): a number used twice (a list
    restarting at 1 without a heading number) gets "#2", "#3" … and a warning."""
    seen: dict[str, int] = {}
    out: list[Task] = []
    warnings: list[str] = []
    for task in tasks:
        count = seen[task.id] = seen.get(task.id, 0) + 1
        if count > 1:
            new_id = f"{task.id}#{count}"
            warnings.append(f"task number {task.id} is used again (line {task.source.line or '?'}); "
                            f"that task is {new_id}")
            task = replace(task, id=new_id)
        out.append(task)
    return tuple(out), tuple(warnings)


def extract_path(path: str | Path, *, as_of: date | None = None) -> TaskTable:
    """Extract the task table of one document file (.txt, .md, .docx, .pdf, .html,
    .doc, .xlsx, .ods, .xls)."""
    return extract_bytes(load_path(path), str(path), as_of=as_of)


def extract_bytes(data: bytes, name: str, *, as_of: date | None = None) -> TaskTable:
    """Extract from bytes in memory; ``name`` gives the extension and appears in
    messages. A workbook ``tthc extract`` wrote is read back as it was written."""
    if reader_of(data, name) == "xlsx_reader":
        from .readers.tasktable import is_saved_task_table, task_table_from_xlsx  # workbook code: only here

        if is_saved_task_table(data, name):
            return _with_successors(task_table_from_xlsx(data, name), as_of)
    return extract_document(read_bytes(data, name), as_of=as_of)


def _with_successors(table: TaskTable, as_of: date | None) -> TaskTable:
    from .nlp.enrich import successors_of

    if as_of is None:
        return table
    tasks = tuple(replace(t, successors=successors_of(
        tuple(name for role in AGENCY_ROLES for name in getattr(t, role)), as_of)) for t in table.tasks)
    return replace(table, tasks=tasks)
