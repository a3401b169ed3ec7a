"""``tthc registry …``: the task registry from the command line. Each command
opens the database (``--db URL``, else ``TTHC_DATABASE_URL``, else the SQLite
file in the user's data folder) and calls :class:`tthc_docs.registry.Registry`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from ..errors import TthcError

LIST_FORMATS = ("table", "json", "csv", "xlsx")
STATUSES = ("not_started", "in_progress", "done")
ROLES = ("lead", "coordinating", "implementing", "monitoring", "any")


def db_option(command: Callable) -> Callable:
    return click.option("--db", "db", metavar="URL", envvar="TTHC_DATABASE_URL",
                        help="Database URL (sqlite:///FILE or postgresql+psycopg://USER@HOST/DB); "
                             "default: $TTHC_DATABASE_URL, else a SQLite file in your data folder.")(command)


def _open(db: str | None):
    from ..registry import Registry

    return Registry(db)


def _day(value: str | None, option: str) -> date | None:
    from ..readers.sheets import parse_date

    if value is None:
        return None
    try:
        return parse_date(value, what=option)
    except TthcError as exc:
        raise click.BadParameter(f"{exc} (use dd/mm/yyyy or yyyy-mm-dd)", param_hint=option) from exc


def _actor():
    from ..registry import Actor, Via

    return Actor.local(Via.CLI)


def _write_or_echo(data: bytes | str, output: Path | None, force: bool) -> None:
    from ..files import write_bytes_atomic

    if output is None:
        click.echo(data if isinstance(data, str) else data.decode("utf-8-sig"), nl=False)
        return
    write_bytes_atomic(output, data.encode("utf-8") if isinstance(data, str) else data, force=force)
    click.echo(f"wrote {output}", err=True)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"


@click.group("registry")
def registry() -> None:
    """Keep plans, their versions and task statuses in a database (SQLite by default,
    PostgreSQL for a shared office): add documents, list and update tasks, export,
    calendars and reminder letters."""


@registry.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--version-of", "version_of", metavar="PLAN",
              help="Store the document(s) as the next version of this plan (id or number).")
@db_option
def add(files: tuple[Path, ...], version_of: str | None, db: str | None) -> None:
    """Extract each FILE and store it, one transaction per document. A document
    whose number (and year) matches a stored plan becomes its next version; a bad
    file is reported, stores nothing, and the others go on (exit code 1)."""
    failed = 0
    with _open(db) as reg:
        for path in files:
            try:
                result = reg.add(path, version_of=version_of, actor=_actor())
            except TthcError as exc:
                failed += 1
                click.echo(f"{path}: FAILED: {exc}", err=True)
                continue
            click.echo(_added_line(path, result))
    if failed:
        raise SystemExit(1)


def _added_line(path: Path, result) -> str:
    head = (f"{path}: plan {result.plan} ({result.number or 'no number'}) version {result.version}: "
            f"{result.tasks} tasks, {result.indicators} indicators, {len(result.warnings)} warnings")
    if result.already_stored:
        return f"{path}: already stored as plan {result.plan} version {result.version}; nothing added"
    if result.changes:
        shown = ", ".join(f"{count} {status}" for status, count in result.changes.items() if count)
        return f"{head}\n  against version {result.version - 1}: {shown}"
    return head


@registry.command("plans")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.option("--as-of", "as_of", metavar="DATE", help="Date the categories are counted at (default today).")
@db_option
def plans(fmt: str, as_of: str | None, db: str | None) -> None:
    """Plans with their versions and the latest version's tasks per category."""
    from ..render.settings import CATEGORIES

    with _open(db) as reg:
        found = reg.plans(as_of=_day(as_of, "--as-of"))
    if fmt == "json":
        click.echo(_dumps([_plan_dict(p) for p in found]), nl=False)
        return
    click.echo(f"{'id':>3}  {'number':<18} {'ver':>3} {'tasks':>5}  " + " ".join(f"{c[:11]:>11}" for c in CATEGORIES)
               + "  title")
    for p in found:
        counts = " ".join(f"{p.categories[c]:>11}" for c in CATEGORIES)
        click.echo(f"{p.id:>3}  {p.number or '-':<18} {p.latest.number:>3} {p.latest.tasks:>5}  {counts}  "
                   f"{(p.title or '')[:60]}")


def _plan_dict(plan) -> dict:
    return {"id": plan.id, "number": plan.number, "title": plan.title, "issuer": plan.issuer, "kind": plan.kind,
            "as_of": plan.as_of.isoformat(), "categories": plan.categories,
            "versions": [{"number": v.number, "source": v.source, "added_at": v.added_at.isoformat(),
                          "added_by": v.added_by, "tasks": v.tasks, "indicators": v.indicators,
                          "changes": v.changes} for v in plan.versions]}


def record_dict(record) -> dict:
    task = record.task
    deadline = task.deadline
    return {"key": record.key, "plan": record.plan, "plan_number": record.plan_number,
            "version": record.plan_version, "id": task.id, "content": task.content, "lead": list(task.lead),
            "coordinating": list(task.coordinating), "deadline": deadline.text if deadline else None,
            "due": deadline.due.isoformat() if deadline and deadline.due else None, "status": record.status.value,
            "completed_on": record.completed_on.isoformat() if record.completed_on else None,
            "note": record.note, "category": record.category, "days_late": record.days_late,
            "row_version": record.version}


@registry.command("list")
@click.option("--plan", metavar="PLAN", help="Only this plan (id or number).")
@click.option("--version", "version", type=int, help="That version of --plan (default: the latest).")
@click.option("--agency", metavar="NAME", help="Tasks of this agency, including those of collectives that include it.")
@click.option("--role", type=click.Choice(ROLES), default="lead", show_default=True,
              help="The agency's role in the task.")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--overdue", is_flag=True, help="Not done and due before --as-of.")
@click.option("--due-within", "due_within", type=click.IntRange(min=0), metavar="DAYS",
              help="Not done and due within DAYS of --as-of.")
@click.option("--as-of", "as_of", metavar="DATE", help="The date to judge deadlines at (default today).")
@click.option("--text", metavar="WORDS", help="Only tasks whose content contains WORDS.")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (xlsx needs it).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@db_option
def list_tasks(plan: str | None, version: int | None, agency: str | None, role: str, status: str | None,
               overdue: bool, due_within: int | None, as_of: str | None, text: str | None, fmt: str,
               output: Path | None, force: bool, db: str | None) -> None:
    """Tasks of the latest version of every plan, with key, plan, version, status
    and progress category."""
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give it with -o FILE.xlsx")
    with _open(db) as reg:
        found = reg.tasks(plan=plan, version=version, agency=agency, role=role, status=status, overdue=overdue,
                          due_within=due_within, as_of=_day(as_of, "--as-of"), text=text)
    if fmt == "json":
        _write_or_echo(_dumps([record_dict(r) for r in found]), output, force)
    elif fmt in ("csv", "xlsx"):
        from ..registry.sheets import records_csv, records_xlsx

        _write_or_echo((records_csv if fmt == "csv" else records_xlsx)(found), output, force)
    else:
        _write_or_echo(_table(found), output, force)


def _table(records) -> str:
    lines = [f"{'key':<9} {'plan':<16} {'v':>2}  {'due':<10}  {'category':<12} {'status':<11}  content"]
    for r in records:
        due = r.task.deadline.due.isoformat() if r.task.deadline and r.task.deadline.due else "-"
        content = " ".join(r.task.content.split())
        lines.append(f"{r.key:<9} {(r.plan_number or str(r.plan))[:16]:<16} {r.plan_version:>2}  {due:<10}  "
                     f"{r.category:<12} {r.status.value:<11}  {content[:70]}")
    lines.append(f"{len(records)} tasks")
    return "\n".join(lines) + "\n"


@registry.command("set")
@click.argument("keys", nargs=-1, required=True)
@click.option("--status", type=click.Choice(STATUSES), required=True)
@click.option("--on", "on", metavar="DATE", help="Completion date (with --status done; default today).")
@click.option("--note", help="Progress note.")
@click.option("--expected-version", "expected", type=int,
              help="Refuse the edit unless the task is still at this version (one KEY only).")
@db_option
def set_status(keys: tuple[str, ...], status: str, on: str | None, note: str | None, expected: int | None,
               db: str | None) -> None:
    """Set the status of the tasks KEY…; each change goes into their history. A
    key that does not exist is reported and the others are still set (exit 1)."""
    if expected is not None and len(keys) > 1:
        raise click.UsageError("--expected-version applies to one KEY")
    if on is not None and status != "done":
        raise click.UsageError("--on is the completion date: use it with --status done")
    changes: dict[str, object] = {"status": status}
    if status == "done":
        changes["completed_on"] = _day(on, "--on") or date.today()
    if note is not None:
        changes["note"] = note
    failed = 0
    with _open(db) as reg:
        for key in keys:
            try:
                version = expected if expected is not None else reg.task(key).version
                record = reg.update_task(key, expected_version=version, changes=changes, actor=_actor())
            except TthcError as exc:
                failed += 1
                click.echo(f"{key}: FAILED: {exc}", err=True)
                continue
            done = f" on {record.completed_on.isoformat()}" if record.completed_on else ""
            click.echo(f"{record.key}: {record.status.value}{done} (version {record.version})")
    if failed:
        raise SystemExit(1)


@registry.command("import-status")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def import_status(file: Path, db: str | None) -> None:
    """Read back the Trạng thái / Ngày hoàn thành columns of a workbook made by
    'tthc registry export', matched by the key column; unknown keys are reported (exit 1)."""
    with _open(db) as reg:
        result = reg.import_statuses(file, actor=_actor())
    click.echo(f"{file}: {len(result.updated)} updated, {result.unchanged} unchanged, {result.blank} without status")
    for key in result.updated:
        click.echo(f"  updated {key}")
    if result.unknown:
        click.echo(f"{file}: unknown keys (not in the registry): {', '.join(result.unknown)}", err=True)
        raise SystemExit(1)


@registry.command("history")
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@db_option
def history(key: str, fmt: str, db: str | None) -> None:
    """Every change of task KEY: field, old → new, when, who, through what."""
    with _open(db) as reg:
        changes = reg.history(key)
    if fmt == "json":
        click.echo(_dumps([{"field": c.field, "old": c.old, "new": c.new, "at": c.at.isoformat(), "user": c.user,
                            "via": c.via.value, "version": c.plan_version} for c in changes]), nl=False)
        return
    for c in changes:
        click.echo(f"{c.at:%Y-%m-%d %H:%M} UTC  v{c.plan_version or '-'}  {c.user} via {c.via.value}: "
                   f"{c.field}: {c.old if c.old is not None else '∅'} → {c.new if c.new is not None else '∅'}")


@registry.command("export")
@click.argument("plan")
@click.option("--version", "version", type=int, help="Default: the latest.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.json or FILE.xlsx (default: JSON on standard output).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@db_option
def export(plan: str, version: int | None, output: Path | None, force: bool, db: str | None) -> None:
    """The task table of PLAN with statuses, for 'tthc render report', 'tthc diff'
    and, as XLSX with a key column, for 'tthc registry import-status'."""
    from ..writers import format_for, write_table

    fmt = format_for(output) if output is not None else "json"
    if fmt not in ("json", "xlsx"):
        raise click.UsageError(f"export writes .json or .xlsx, not {output}")
    with _open(db) as reg:
        table = reg.export_table(plan, version)
        if fmt == "xlsx":
            from ..registry.sheets import export_xlsx

            data = export_xlsx(table, reg.keys(plan, version))
        else:
            data = write_table(table, "json")
    _write_or_echo(data, output, force)


@registry.command("calendar")
@click.option("--agency", metavar="NAME", help="Only tasks this agency leads (collectives that include it too).")
@click.option("--plan", metavar="PLAN", help="Only this plan (id or number).")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Where recurring deadlines of a plan without a date start (default today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The .ics file to write.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@db_option
def calendar(agency: str | None, plan: str | None, as_of: str | None, output: Path, force: bool,
             db: str | None) -> None:
    """Deadlines of the latest versions as an iCalendar file: one all-day event per
    dated deadline, recurring deadlines as repeating events, milestones as events
    of their own; the same task keeps the same event UID in every export."""
    from ..files import write_bytes_atomic
    from ..registry.calendar import calendar_ics

    day = _day(as_of, "--as-of") or date.today()
    with _open(db) as reg:
        records = reg.tasks(plan=plan, agency=agency, as_of=day)
    data = calendar_ics(records, as_of=day)
    write_bytes_atomic(output, data, force=force)
    click.echo(f"wrote {output}: {data.count(b'BEGIN:VEVENT')} events for {len(records)} tasks")


@registry.command("remind")
@click.option("--as-of", "as_of", metavar="DATE", required=True, help="The date the letters judge deadlines at.")
@click.option("--within", type=click.IntRange(min=0), metavar="DAYS",
              help="Also remind of tasks due within DAYS after --as-of.")
@click.option("--plan", metavar="PLAN", help="Only tasks of this plan (id or number).")
@click.option("--meta", "meta_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Issuer, number ({seq} = the letter's place), place, date, signer, recipients (YAML/JSON).")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the letters and the summary workbook.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A .docx of your own instead of templates/cong_van_don_doc.docx.")
@click.option("--force", is_flag=True, help="Overwrite letters that exist.")
@db_option
def remind(as_of: str, within: int | None, plan: str | None, meta_path: Path, out_dir: Path,
           template: Path | None, force: bool, db: str | None) -> None:
    """A Công văn đôn đốc to every lead agency with overdue tasks (and, with
    --within, tasks due soon), with a table of those tasks and how late they are;
    plus one XLSX summary of the batch."""
    from ..registry.remind import load_reminder_template, plan_letters, reminders, write_letters
    from ..render.meta import load_meta

    day = _day(as_of, "--as-of")
    meta = load_meta(meta_path, "reminder")
    compiled = load_reminder_template(template)
    with _open(db) as reg:
        records = reg.tasks(plan=plan, overdue=True, due_within=within, as_of=day)
    found = reminders(records, day)  # type: ignore[arg-type]
    letters = plan_letters(found, meta, out_dir, force=force)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = write_letters(letters, meta, compiled, out_dir, force=force)
    for letter in letters:
        click.echo(f"{letter.path}: {letter.reminder.agency}: {len(letter.reminder.overdue)} overdue, "
                   f"{len(letter.reminder.due_soon)} due soon")
    unled = sum(1 for r in records if not r.task.lead)
    if unled:
        click.echo(f"{unled} task(s) without a lead agency got no letter", err=True)
    click.echo(f"{len(letters)} letters; summary {summary}")
