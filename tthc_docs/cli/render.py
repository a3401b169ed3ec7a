"""``tthc render`` and ``tthc check``.

    tthc render plan|decision|report TASKS.(json|xlsx) --meta META.yaml [-o OUT.docx]
                [--template FILE.docx] [--as-of DATE] [--pdf] [--force]
    tthc render apology DOSSIERS.xlsx --meta META.yaml [-o DIR] [--template FILE.docx] [--pdf] [--force]
                [--columns FIELD=HEADER …]
    tthc check FILE.docx
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .options import DATE

KINDS = ("plan", "decision", "report", "apology")
DEFAULT_SUFFIX = {"plan": "ke-hoach", "decision": "quyet-dinh", "report": "bao-cao", "apology": "phieu-xin-loi"}


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--meta", "meta_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Metadata (YAML/JSON): issuer, number, place, date, signer, recipients… (see examples/).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output .docx (apology: a folder). Default: beside DATA, named after it.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A .docx template to use instead of the shipped one.")
@click.option("--as-of", "as_of", type=DATE,
              help="Report date (dd/mm/yyyy or yyyy-mm-dd); default: as_of in META, else today.")
@click.option("--pdf", is_flag=True, help="Also write a PDF through LibreOffice (apology: the combined document).")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("--columns", "columns", multiple=True, metavar="FIELD=HEADER",
              help="apology: the column of a dossier field, when its header is not recognised "
                   "(e.g. new_due_on=\"Ngày hẹn lại\"; repeatable).")
def render(kind: str, data: Path, meta_path: Path, output: Path | None, template: Path | None,
           as_of: date | None, pdf: bool, force: bool, columns: tuple[str, ...]) -> None:
    """Render a plan, decision, report (from a task table) or apology slips (from a
    late-dossier spreadsheet) as Decree 30/2020 .docx documents."""
    from ..render.documents import load_template
    from ..render.meta import load_meta

    if columns and kind != "apology":
        raise click.UsageError("--columns names the columns of a late-dossier sheet: use it with 'apology'")
    manual = dict(_pair(text) for text in columns)
    meta = load_meta(meta_path, kind)
    compiled = load_template(kind, template)
    if kind == "apology":
        _apology(data, meta, compiled, output or data.with_name(f"{data.stem}-{DEFAULT_SUFFIX[kind]}"), pdf, force,
                 manual)
        return
    from ..files import check_writable, write_bytes_atomic
    from ..readers.tasktable import load_task_table
    from ..render.documents import render_decision, render_plan, render_report

    target = output or data.with_name(f"{data.stem}-{DEFAULT_SUFFIX[kind]}.docx")
    check_writable(target, force=force)
    if pdf:
        check_writable(target.with_suffix(".pdf"), force=force)
    table = load_task_table(data)
    if kind == "plan":
        content = render_plan(table, meta, compiled)
    elif kind == "decision":
        content = render_decision(table, meta, compiled)
    else:
        day = as_of or meta.as_of or date.today()
        content = render_report(table, meta, day, compiled)
    write_bytes_atomic(target, content, force=force)
    click.echo(f"wrote {target}")
    if pdf:
        _pdf(target, force)


def _pair(text: str) -> tuple[str, str]:
    field, equals, header = text.partition("=")
    if not equals or not field.strip() or not header.strip():
        raise click.UsageError(f"--columns {text!r}: expected FIELD=HEADER, e.g. new_due_on=\"Ngày hẹn lại\"")
    return field.strip(), header.strip()


def _apology(data: Path, meta, compiled, out_dir: Path, pdf: bool, force: bool, columns: dict[str, str]) -> None:
    from ..files import check_writable
    from ..render.apology import prepare_batch, write_batch
    from ..render.dossiers import read_dossiers

    sheet = read_dossiers(data, columns=columns)
    batch = prepare_batch(sheet, meta, compiled, out_dir, force=force)
    if pdf:
        check_writable(batch.combined.with_suffix(".pdf"), force=force)
    errors = list(sheet.errors)
    written = 0
    with click.progressbar(write_batch(batch, meta, compiled, force=force), length=len(batch.slips),
                           label="Phiếu xin lỗi", file=sys.stderr, hidden=not sys.stderr.isatty()) as outcomes:
        for outcome in outcomes:
            if outcome.error is None:
                written += 1
            else:
                errors.append(outcome.error)
    for error in sorted(errors, key=lambda e: e.row):
        click.echo(f"{data}: {error}", err=True)
    if written:
        click.echo(f"wrote {written} slip(s) to {out_dir}/ and {batch.combined}")
        if pdf:
            _pdf(batch.combined, force)
    click.echo(f"{written} slip(s) written, {len(errors)} row(s) failed", err=True)
    if errors:
        raise SystemExit(1)


def _pdf(docx: Path, force: bool) -> None:
    from ..render.pdf import docx_to_pdf

    for written in docx_to_pdf([docx], docx.parent, force=force):
        click.echo(f"wrote {written}")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Check .docx files against the Decree 30/2020 format; exit 1 on any deviation."""
    from ..render.check import check_docx

    failed = False
    for path in files:
        deviations = check_docx(path)
        for deviation in deviations:
            click.echo(f"{path}: {deviation}")
        if not deviations:
            click.echo(f"{path}: OK")
        failed = failed or bool(deviations)
    if failed:
        raise SystemExit(1)
