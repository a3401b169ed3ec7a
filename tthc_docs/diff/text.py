"""The comparison in a terminal: the summary, then each changed row with its
changes in words and its changed lines as an inline redline; then the same for
the KPI rows, when the versions have any.

With colour, deletions are red and struck through, insertions green and
underlined; without (a file, a pipe) they are marked ``[-…-]`` and ``{+…+}``,
the convention of ``git diff --word-diff``.
"""

from __future__ import annotations

import click

from .report import Line, Report, Row
from .settings import settings
from .words import DELETE, INSERT, WordOp

_MARKS = {"unchanged": " ", "modified": "~", "added": "+", "removed": "-", "split": "<", "merged": ">"}
_COLOURS = {"modified": "yellow", "added": "green", "removed": "red", "split": "cyan", "merged": "cyan"}


def _redline(words: tuple[WordOp, ...], color: bool) -> str:
    out = []
    for op in words:
        if op.kind == DELETE:
            out.append(click.style(op.text, fg="red", strikethrough=True) if color else f"[-{op.text}-]")
        elif op.kind == INSERT:
            out.append(click.style(op.text, fg="green", underline=True) if color else f"{{+{op.text}+}}")
        else:
            out.append(op.text)
    return "".join(out)


def _line(line: Line, color: bool) -> str:
    text = _redline(line.words, color)
    return f"      {line.label}: {text}" if line.label else f"      {text}"


def _row(row: Row, color: bool) -> list[str]:
    labels = dict.fromkeys(x for x in (row.old_label, row.new_label) if x)
    label = " → ".join(labels)
    head = f"{_MARKS.get(row.status, '?')} {label}"
    out = [click.style(head, fg=_COLOURS.get(row.status), bold=True) if color else head]
    out += [f"    {note}" for note in row.notes]
    # A modified row shows only its changed lines; anything else shows the task whole.
    shown = [line for line in row.new if line.changed] if row.status == "modified" else row.new
    out += [_line(line, color) for line in shown]
    return out


def render_text(report: Report, *, color: bool = False) -> str:
    """The report as terminal text, ANSI-coloured when ``color`` is on."""
    out = [report.title, report.subtitle, report.summary_text, ""]
    for row in report.rows:
        out += _row(row, color)
    if report.indicator_summary:
        out += ["", settings().report.indicator_title, report.indicator_summary_text, ""]
        for row in report.indicator_rows:
            out += _row(row, color)
    return "\n".join(out) + "\n"
