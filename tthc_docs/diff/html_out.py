"""The comparison as one self-contained HTML page (styles inline, no scripts, no
external files): the summary, then one row per change with the old text, the
new text with ``<del>``/``<ins>`` marks, and the changes in words; the KPI rows,
when the versions have any, in a second table of the same form."""

from __future__ import annotations

from html import escape

from .report import Line, Report, Row
from .settings import settings
from .words import DELETE, INSERT, WordOp

_STYLE = """
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; margin: 2em; color: #000; }
h1 { font-size: 14pt; text-align: center; margin-bottom: 0.2em; }
h2 { font-size: 13pt; text-align: center; margin-top: 1.5em; }
p.subtitle { text-align: center; font-style: italic; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1em; }
th, td { border: 1px solid #555; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eee; }
table.summary td { text-align: center; }
td.number { text-align: center; width: 3em; }
td.notes { width: 22%; }
td p { margin: 0 0 0.3em 0; }
span.id { font-weight: bold; display: block; margin-bottom: 0.3em; }
span.label { font-style: italic; }
del { background: #fdd; color: #900; }
ins { background: #dfd; color: #060; text-decoration: underline; }
tr.added td.number { border-left: 4px solid #393; }
tr.removed td.number { border-left: 4px solid #c33; }
tr.modified td.number { border-left: 4px solid #c90; }
tr.split td.number, tr.merged td.number { border-left: 4px solid #39c; }
"""


def _words(ops: tuple[WordOp, ...]) -> str:
    out = []
    for op in ops:
        text = escape(op.text)
        out.append(f"<del>{text}</del>" if op.kind == DELETE else f"<ins>{text}</ins>" if op.kind == INSERT
                   else text)
    return "".join(out)


def _lines(label: str, lines: tuple[Line, ...]) -> str:
    out = [f'<span class="id">{escape(label)}</span>'] if label else []
    for line in lines:
        prefix = f'<span class="label">{escape(line.label)}:</span> ' if line.label else ""
        out.append(f"<p>{prefix}{_words(line.words)}</p>")
    return "".join(out)


def row_html(row: Row) -> str:
    """One comparison row as a ``<tr>``: number, old text, redline, changes in words."""
    notes = "".join(f"<li>{escape(n)}</li>" for n in row.notes)
    return (f'<tr class="{escape(row.status)}"><td class="number">{row.number}</td>'
            f"<td>{_lines(row.old_label, row.old)}</td><td>{_lines(row.new_label, row.new)}</td>"
            f'<td class="notes"><ul>{notes}</ul></td></tr>')


def _tables(summary: tuple[tuple[str, str, int], ...], rows: tuple[Row, ...]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in settings().report.columns)
    summary_head = "".join(f"<th>{escape(label)}</th>" for _, label, _ in summary)
    summary_body = "".join(f"<td>{count}</td>" for _, _, count in summary)
    body = "\n".join(row_html(r) for r in rows)
    return (f'<table class="summary"><tr>{summary_head}</tr><tr>{summary_body}</tr></table>\n'
            f'<table class="diff"><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>\n')


def render_html(report: Report) -> str:
    indicators = ""
    if report.indicator_summary:
        indicators = (f"<h2>{escape(settings().report.indicator_title)}</h2>\n"
                      + _tables(report.indicator_summary, report.indicator_rows))
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(report.title)}: {escape(report.subtitle)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<h1>{escape(report.title)}</h1>\n<p class=\"subtitle\">{escape(report.subtitle)}</p>\n"
        f"{_tables(report.summary, report.rows)}{indicators}"
        "</body>\n</html>\n"
    )
