"""Plain text and Markdown: directives, plans and appendices exported as .txt/.md.

The text is decoded (legacy Vietnamese encodings included) and normalised, then
read line by line: where a table header starts, the table finder for its layout
takes over (see ``text_tables``); every other non-blank line is a paragraph.
Markdown emphasis and HTML list residue are reduced to plain text, the
metadata header of a legal-portal scrape ("Số hiệu | 242/QĐ-UBND |") is kept
apart, and a block of paragraphs the scrape repeated is emitted once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import SourceRef
from ..blocks import Item, Paragraph, RawDocument, RawRow, RawTable
from ..text.normalise import collapse_lines
from .safety import check_size
from .text_tables import FINDERS

# Keys of the metadata header legal portals put above the document.
PORTAL_KEYS = ("số hiệu", "ngày ban hành", "ngày có hiệu lực", "loại văn bản", "cơ quan ban hành",
               "người ký", "lĩnh vực", "tình trạng", "nơi ban hành", "ngày hết hiệu lực", "trích yếu")
_PORTAL_LINE = re.compile(r"^\s*([^|]{2,40}?)\s*\|\s*([^|]*?)\s*\|\s*$")
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|/li|/div)\b[^>]*>|<\s*li\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?\s*(?:ol|ul|li|br|p|b|i|u|em|strong|span|div|font|sup|sub|table|tr|td|th|tbody|thead)\b[^>]*>",
    re.IGNORECASE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1", re.DOTALL)
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_CAPTION = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]\s+\S")
_LIST_MARKER = re.compile(r"^(?:\(?\w{1,4}[.)]|[-–•+*])$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_SPACES = re.compile(r"[ \u00a0]+")
# A repeated run shorter than this is ordinary repetition ("Thường xuyên", "|").
_MIN_REPEAT_PARAGRAPHS = 5
_MIN_REPEAT_CHARS = 200


def clean_inline(text: str) -> str:
    """Plain text of a cell or paragraph: HTML list residue to line breaks,
    Markdown emphasis and autolinks unwrapped, spaces collapsed per line."""
    # Most cells hold no markup: the patterns only run where their first character is.
    if "<" in text:
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_TAG.sub(" ", text)
        text = _MD_AUTOLINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub(r"\2", text)
    return collapse_lines(text.replace("\t", " "), _SPACES, ("  ", "\u00a0"))


def _portal_metadata(lines: Sequence[str]) -> tuple[tuple[tuple[str, str], ...], set[int]]:
    found: list[tuple[str, str]] = []
    used: set[int] = set()
    for index, line in enumerate(lines[:40]):
        match = _PORTAL_LINE.match(line)
        if match and match.group(1).strip().lower() in PORTAL_KEYS:
            found.append((match.group(1).strip(), match.group(2).strip()))
            used.add(index)
    return tuple(found), used


def _layout_columns(line: str) -> list[str]:
    """A line of a two-column layout exported as text ("Số: 12/KH-UBND<TAB>Sơn La,
    ngày …") is two paragraphs; "1.<TAB>Tập trung …" is one numbered paragraph."""
    parts = [part for part in line.split("\t") if part.strip()]
    if len(parts) >= 2 and not _LIST_MARKER.match(parts[0].strip()):
        return parts
    return [" ".join(parts)] if parts else []


def _paragraph(line: str, index: int) -> Paragraph | None:
    raw = line.strip().strip("|").strip()
    heading = bool(_MD_HEADING.match(raw)) or (raw.startswith("**") and raw.endswith("**"))
    text = clean_inline(_MD_HEADING.sub("", raw))
    if not text or _PAGE_NUMBER.match(text):
        return None
    return Paragraph(text, SourceRef(line=index + 1), heading=heading)


def _clean_table(table: RawTable) -> RawTable:
    rows = tuple(RawRow(tuple(clean_inline(c) for c in row.cells), row.source) for row in table.rows)
    return RawTable(rows, table.caption, table.source)


def _drop_repeated_runs(items: list[Item]) -> tuple[list[Item], list[str]]:
    """Emit once a run of paragraphs that repeats an earlier run word for word
    (web scrapes often hold the document body twice)."""
    seen: dict[str, list[int]] = {}
    kept: list[Item] = []
    warnings: list[str] = []
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, Paragraph):
            for j in seen.get(item.text, ()):
                length = 0
                while (i + length < len(items) and j + length < i
                       and isinstance(items[i + length], Paragraph)
                       and isinstance(items[j + length], Paragraph)
                       and items[i + length].text == items[j + length].text):
                    length += 1
                chars = sum(len(items[i + k].text) for k in range(length))
                if length >= _MIN_REPEAT_PARAGRAPHS and chars >= _MIN_REPEAT_CHARS:
                    first, last = items[i].source.line, items[i + length - 1].source.line
                    warnings.append(f"lines {first}–{last} repeat lines {items[j].source.line}–"
                                    f"{items[j + length - 1].source.line} word for word; kept once")
                    i += length
                    break
            else:
                seen.setdefault(item.text, []).append(i)
                kept.append(item)
                i += 1
            continue
        kept.append(item)
        i += 1
    return kept, warnings


def _is_caption(text: str) -> bool:
    return len(text) <= 400 and bool(_CAPTION.match(text))


def _attach_captions(items: list[Item]) -> list[Item]:
    """A table's caption is the numbered heading right before it
    ("3. Tiếp tục triển khai …", "9.1. Chỉ tiêu giao …")."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, RawTable) and out and isinstance(out[-1], Paragraph) and _is_caption(out[-1].text):
            item = RawTable(item.rows, out[-1].text, item.source)
        out.append(item)
    return out


def parse_text(text: str, name: str) -> RawDocument:
    """Read already-decoded text. ``name`` is used in messages only."""
    lines = text.split("\n")
    metadata, metadata_lines = _portal_metadata(lines)
    items: list[Item] = []
    layouts: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or i in metadata_lines:
            i += 1
            continue
        for layout, finder in FINDERS:
            found = finder(lines, i)
            if found is not None:
                items.append(_clean_table(found.table))
                layouts.append(layout)
                i = found.end
                break
        else:
            items.extend(p for p in (_paragraph(part, i) for part in _layout_columns(line)) if p is not None)
            i += 1
    items, warnings = _drop_repeated_runs(items)
    markdown = any(p.heading for p in items if isinstance(p, Paragraph)) or "**" in text
    layout = layouts[0] if layouts else ("markdown" if markdown else "text")
    return RawDocument(name=name, layout=layout, items=tuple(_attach_captions(items)),
                       metadata=metadata, warnings=tuple(warnings))


def read(data: bytes, name: str) -> RawDocument:
    """Read text bytes of any Vietnamese encoding; ``name`` is used in messages and in the result."""
    from ..text.legacy import decode_bytes

    check_size(data, name, "txt")
    return parse_text(decode_bytes(data, name), name)
