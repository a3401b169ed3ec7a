"""``tthc refs`` and ``tthc migrate``: commands about what the text means."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .options import DATE


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def refs(path: Path, fmt: str) -> None:
    """List the legal references of the document at PATH, most cited first."""
    from ..nlp.refs import count_refs, find_legal_refs
    from ..readers import read_path

    doc = read_path(path)
    texts = [p.text for p in doc.paragraphs]
    texts += [cell for table in doc.tables for row in table.rows for cell in row.cells]
    counted = count_refs(ref for text in texts for ref in find_legal_refs(text))
    if fmt == "json":
        rows = [{**ref.to_dict(), "count": count} for ref, count in counted]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not counted:
        click.echo(f"{path}: no legal references found")
        return
    width = min(max(len(ref.id) for ref, _ in counted), 24)
    for ref, count in counted:
        issued = f" ngày {ref.date:%d/%m/%Y}" if ref.date else ""
        issuer = f" của {ref.issuer}" if ref.issuer else ""
        click.echo(f"{count:>4}  {ref.id:<{width}}  {ref.type or ''}{issued}{issuer}")


@click.command()
@click.argument("table_path", metavar="TABLE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", required=True, type=DATE,
              help="Replace agencies abolished by this date (dd/mm/yyyy or yyyy-mm-dd).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the migrated table here (.json, .xlsx, .csv, .md); default: JSON on stdout.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def migrate(table_path: Path, as_of, output: Path | None, force: bool) -> None:
    """Rewrite the agencies of a task table (JSON or XLSX from 'tthc extract') to their
    successors after the 2025 reorganisation, printing every change. Agencies with no
    single successor (e.g. the abolished district level) are flagged, never guessed."""
    from ..files import write_bytes_atomic
    from ..nlp.migrate import migrate_table
    from ..readers.tasktable import load_task_table
    from ..writers import format_for, write_table

    result = migrate_table(load_task_table(table_path), as_of)
    report = sys.stdout if output is not None else sys.stderr
    for change in result.changes:
        click.echo(change.describe(), file=report)
    click.echo(f"{len(result.changes)} changes, {result.flagged} need a human decision", file=report)
    if output is None:
        click.echo(write_table(result.table, "json").decode("utf-8"), nl=False)
    else:
        write_bytes_atomic(output, write_table(result.table, format_for(output)), force=force)
