"""Tables in plain-text exports, in the three layouts Vietnamese portals and Word
"save as text" produce. Each finder looks at a line and, if a table header starts
there, reads the table and says where it ended.

- tab cells (Word "save as text", seeds 001/003): every cell starts with a TAB,
  rows end at an empty line, a lone TAB is an empty cell, a cell may run over
  several lines (without TAB) and even hold blank lines — the row is complete
  only when it has as many cells as the header.
- pipe cells (legal-portal scrape, seed 002): every cell ends with "|", one per
  line; "||||" closes four empty cells; a cell may run over several lines.
- tab rows (seed 000 appendix): one row per line, cells separated by TABs; the
  header repeats after a page break; a row with an empty first cell goes on the
  task above (the table builder joins it).
- Markdown pipe tables: "| STT | Nội dung | … |" over a "|---|---|" rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..models import SourceRef
from ..tables.columns import looks_like_header, role_of
from ..blocks import RawRow, RawTable

_PIPE_CELL_LINE = re.compile(r"^[^|]*\|\s*$")


@dataclass(frozen=True)
class Found:
    table: RawTable
    end: int  # index of the first line after the table


Finder = Callable[[Sequence[str], int], "Found | None"]


def _row(cells: list[str], line_index: int) -> RawRow:
    return RawRow(tuple(c.strip() for c in cells), SourceRef(line=line_index + 1))


# --- tab cells ---------------------------------------------------------------

def _add_tab_line(cells: list[str], line: str) -> None:
    """Split a line into cells: text before the first TAB continues the current
    cell (or, at the start of a row, is a cell of its own); every TAB starts one."""
    parts = line.split("\t")
    head, rest = parts[0], parts[1:]
    if cells:
        if head.strip():
            cells[-1] = f"{cells[-1]}\n{head}" if cells[-1].strip() else head
    elif head and (rest or head.strip()):
        cells.append(head)
    cells.extend(rest)


def _blank(line: str) -> bool:
    """An empty line; a line holding a TAB is an (empty) cell, not a blank."""
    return "\t" not in line and not line.strip()


# A header row is a few cells of a few lines each; a longer run of TAB lines is
# body text (a letter indented with TABs). Bounding the look keeps the finder,
# tried at every line, linear in the document.
MAX_HEADER_LINES = 60


def _group(lines: Sequence[str], start: int) -> int:
    """End (exclusive) of the run of non-blank lines from ``start``, looking at
    no more than one line past ``MAX_HEADER_LINES``."""
    end = start
    while end < len(lines) and end - start <= MAX_HEADER_LINES and not _blank(lines[end]):
        end += 1
    return end


def find_tab_cell_table(lines: Sequence[str], start: int) -> Found | None:
    if "\t" not in lines[start]:
        return None
    end = _group(lines, start)
    group = lines[start:end]
    if not 3 <= len(group) <= MAX_HEADER_LINES or sum(1 for ln in group if ln.startswith("\t")) < len(group) - 1:
        return None
    header: list[str] = []
    for line in group:
        _add_tab_line(header, line)
    if len(header) < 3 or not looks_like_header(tuple(header)):
        return None
    i = end
    below_start = i + 1
    below_end = _group(lines, below_start) if below_start < len(lines) else below_start
    below: list[str] = []
    for line in lines[below_start:below_end]:
        _add_tab_line(below, line)
    if below_end - below_start <= MAX_HEADER_LINES and _is_sub_header_row(header, below):
        header, i = _spread(header, below), below_end
    width = len(header)
    rows = [_row(header, start)]
    cells: list[str] = []
    row_start = i
    while i < len(lines):
        line = lines[i]
        if _blank(line):
            if cells and len(cells) < width:
                cells[-1] += "\n"  # a blank line inside a cell
            elif cells:
                rows.append(_row(cells, row_start))
                cells = []
            i += 1
            continue
        if len(cells) >= width and line.startswith("\t"):
            rows.append(_row(cells, row_start))  # rows not separated by a blank line
            cells = []
        if not cells:
            if "\t" not in line:
                break  # prose after the table
            row_start = i
        _add_tab_line(cells, line)
        i += 1
    if cells:
        rows.append(_row(cells, row_start))
    return Found(RawTable(tuple(rows), source=SourceRef(line=start + 1)), i)


def _is_sub_header_row(top: list[str], below: list[str]) -> bool:
    """A second header row under merged cells: more cells than the first, the new
    ones short column names ("Chủ trì", "Phối hợp")."""
    labels = [c.strip() for c in below if c.strip()]
    return len(below) > len(top) and bool(labels) and all(len(c) <= 40 and role_of(c) for c in labels)


def _spread(top: list[str], below: list[str]) -> list[str]:
    """Word writes a header cell merged over several columns once; spread it over
    the labels under it ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"). An empty
    cell below sits under a cell merged down from the first row."""
    out: list[str] = []
    above = iter(top)
    i = 0
    while i < len(below):
        label = next(above, "")
        if not below[i].strip():
            out.append(label)
            i += 1
            continue
        while i < len(below) and below[i].strip():
            out.append(f"{label} {below[i].strip()}".strip())
            i += 1
    return out


# --- tab rows ------------------------------------------------------------------

def find_tab_row_table(lines: Sequence[str], start: int) -> Found | None:
    first = lines[start]
    if first.startswith("\t") or first.count("\t") < 2:
        return None
    header = first.split("\t")
    if not looks_like_header(tuple(header)):
        return None
    rows = [_row(header, start)]
    i = start + 1
    blank_before = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank_before = True
            i += 1
            continue
        if "\t" in line:
            rows.append(_row(line.split("\t"), i))
        elif blank_before or len(rows) == 1 or len(rows[-1].cells) >= len(header):
            break  # the text after the table (a heading, the closing, Nơi nhận …)
        else:  # a line break inside the last cell of a row still short of cells
            last = rows[-1]
            rows[-1] = RawRow(last.cells[:-1] + (f"{last.cells[-1]}\n{line.strip()}",), last.source)
        blank_before = False
        i += 1
    return Found(RawTable(tuple(rows), source=SourceRef(line=start + 1)), i)


# --- pipe cells ----------------------------------------------------------------

def _pipe_header(lines: Sequence[str], start: int) -> tuple[list[str], int]:
    """Header cells from ``start``: consecutive one-cell pipe lines naming columns
    (a name after the first may wrap over lines before its "|")."""
    cells: list[str] = []
    i = start
    while i < len(lines):
        end = i
        while cells and end < len(lines) and "|" not in lines[end] and lines[end].strip() and end - i < 3:
            end += 1
        if end >= len(lines) or not _PIPE_CELL_LINE.match(lines[end]):
            break
        text = " ".join([ln.strip() for ln in lines[i:end]] + [lines[end].rsplit("|", 1)[0].strip()]).strip()
        if role_of(text) is None:
            break
        cells.append(text)
        i = end + 1
    return cells, i


def starts_pipe_header(lines: Sequence[str], start: int) -> bool:
    cells, _ = _pipe_header(lines, start)
    return len(cells) >= 3 and looks_like_header(tuple(cells))


def _next_nonblank(lines: Sequence[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def find_pipe_table(lines: Sequence[str], start: int) -> Found | None:
    header, i = _pipe_header(lines, start)
    if len(header) < 3 or not looks_like_header(tuple(header)):
        return None
    width = len(header)
    rows = [_row(header, start)]
    cells: list[str] = []
    pending: str | None = None  # text of a cell not yet closed by "|"
    row_start = i
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "|" not in line:
            nxt = _next_nonblank(lines, i + 1)
            at_boundary = not cells and pending is None
            if starts_pipe_header(lines, nxt) or (
                at_boundary and (nxt >= len(lines) or "|" not in lines[nxt])
            ):
                break  # a caption or prose: the table is over
            if at_boundary:
                row_start = i
            pending = line.strip() if pending is None else f"{pending}\n{line.strip()}"
            i += 1
            continue
        if not cells and pending is None:
            if starts_pipe_header(lines, i):
                break
            row_start = i
        pieces = line.split("|")
        for piece in pieces[:-1]:
            text = piece.strip() if pending is None else f"{pending}\n{piece.strip()}".strip()
            cells.append(text)
            pending = None
            if len(cells) == width:
                rows.append(_row(cells, row_start))
                cells = []
                row_start = i
        tail = pieces[-1].strip()
        if tail:
            pending = tail
        i += 1
    if pending is not None:
        cells.append(pending)
    if cells:
        rows.append(_row(cells + [""] * (width - len(cells)), row_start))
    return Found(RawTable(tuple(rows), source=SourceRef(line=start + 1)), i)


# --- Markdown tables -------------------------------------------------------------

_MD_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")


def _md_cells(line: str) -> list[str]:
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [c.replace("\\|", "|").replace("<br>", "\n").strip() for c in re.split(r"(?<!\\)\|", text)]


def find_markdown_table(lines: Sequence[str], start: int) -> Found | None:
    """A Markdown pipe table: "| STT | Nội dung | … |", then "|---|---|…|", one row per line."""
    if start + 1 >= len(lines) or not _MD_RULE.match(lines[start + 1]) or "|" not in lines[start]:
        return None
    header = _md_cells(lines[start])
    if not looks_like_header(tuple(header)):
        return None
    rows = [_row(header, start)]
    i = start + 2
    while i < len(lines) and "|" in lines[i] and lines[i].strip():
        if not _MD_RULE.match(lines[i]):
            cells = _md_cells(lines[i])
            rows.append(_row((cells + [""] * len(header))[:max(len(header), len(cells))], i))
        i += 1
    return Found(RawTable(tuple(rows), source=SourceRef(line=start + 1)), i)


FINDERS: tuple[tuple[str, Finder], ...] = (
    ("markdown-table", find_markdown_table),
    ("txt-tab-rows", find_tab_row_table),
    ("txt-tab-cells", find_tab_cell_table),
    ("txt-pipe", find_pipe_table),
)
