"""``tthc diff OLD NEW``: compare two versions of a plan task by task, or their
body text paragraph by paragraph (``--prose``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("text", "json", "html", "docx")


@click.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: terminal view; json: for programs; html: one self-contained page; "
                   "docx: Word comparison table with tracked changes (needs -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@click.option("--prose", is_flag=True,
              help="Compare the body text paragraph by paragraph instead of the tasks.")
@click.option("--all", "include_unchanged", is_flag=True,
              help="List unchanged tasks/paragraphs too (text, html, docx; JSON always lists them).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def diff(old: Path, new: Path, fmt: str, output: Path | None, prose: bool, include_unchanged: bool,
         force: bool) -> None:
    """Compare OLD and NEW: each a document (.txt, .md, .docx, .pdf, .html, .doc) or a
    task table saved by 'tthc extract' (.json, .xlsx).

    Tasks are matched by what they say, so renumbering is not reported; a task
    moved to another section, re-assigned, re-dated, reworded, split or merged is.
    """
    from ..files import check_writable, write_bytes_atomic, write_text_atomic

    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx writes a Word file: give it with -o OUT.docx")
    if output is not None:
        check_writable(output, force=force)
    report, result = _compare(old, new, prose, include_unchanged)
    if fmt == "docx":
        from ..diff.docx_out import render_docx

        write_bytes_atomic(output, render_docx(report), force=force)  # type: ignore[arg-type]
        return
    if fmt == "json":
        from ..diff.json_out import render_json

        text = render_json(result)
    elif fmt == "html":
        from ..diff.html_out import render_html

        text = render_html(report)
    else:
        from ..diff.text import render_text

        text = render_text(report, color=output is None and sys.stdout.isatty())
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text, force=force)


def _compare(old: Path, new: Path, prose: bool, include_unchanged: bool):
    from ..diff.report import prose_report

    if prose:
        from ..diff.inputs import load_paragraphs
        from ..diff.prose import diff_paragraphs

        result = diff_paragraphs(load_paragraphs(old), load_paragraphs(new), old_source=old.name,
                                 new_source=new.name)
        return prose_report(result, include_unchanged=include_unchanged), result
    from ..diff.inputs import load_table
    from ..diff.report import table_comparison

    return table_comparison(load_table(old), load_table(new), old.name, new.name, include_unchanged=include_unchanged)
