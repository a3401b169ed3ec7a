"""Document metadata from the header and signature block: kind, number, date,
place, issuer, title, signer.

Sources, in order of trust: the legal portal's metadata header ("Số hiệu |
242/QĐ-UBND |"), then the document's own lines ("Số: 242/QĐ-UBND", "An Giang,
ngày 24 tháng 02 năm 2025", "QUYẾT ĐỊNH", the signature block). A date with a
blank day ("ngày tháng 11 năm 2024", an unsigned draft) gives no date and a
warning, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..models import DocumentInfo
from ..blocks import Paragraph, RawDocument
from ..tables.columns import looks_like_header
from ..datafile import load_mapping, require

DATA_FILE = "document_kinds.yaml"


@dataclass(frozen=True)
class _Vocabulary:
    kind_words: tuple[tuple[str, str], ...]  # ("QUYẾT ĐỊNH", "quyet_dinh")
    number_codes: tuple[tuple[str, str], ...]  # ("QĐ-", "quyet_dinh")
    authority: re.Pattern


@cache
def vocabulary() -> _Vocabulary:
    data = load_mapping(DATA_FILE)
    kinds = require(DATA_FILE, data, "kinds", dict)
    codes = require(DATA_FILE, data, "number_codes", dict)
    titles = "|".join(re.escape(t) for t in require(DATA_FILE, data, "signature_titles", list))
    prefixes = "|".join(re.escape(p) for p in require(DATA_FILE, data, "authority_prefixes", list))
    return _Vocabulary(
        kind_words=tuple((word.upper(), kind) for word, kind in kinds.items()),
        number_codes=tuple((f"{code}-", kind) for code, kind in codes.items()),
        authority=re.compile(rf"^(?:(?:{prefixes})\s*[.,]\s*)?(?:PHÓ\s+)?(?:{titles})\b"),
    )


_NUMBER = re.compile(r"^\s*Số\s*:?\s*([0-9]*)\s*/\s*([A-ZĐ][A-ZĐ0-9]*(?:\s*-\s*[A-ZĐ0-9]+)*)", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^\s*(?:([^\d,]{2,40}),\s*)?ngày\s*(\d{0,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_DATE_IN_LINE = re.compile(
    r"(?<!\w)((?:[A-ZĐ][a-zà-ỹđ]*\s){0,3}[A-ZĐ][a-zà-ỹđ]*),\s*ngày\s*(\d{0,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
_ATTACHED = re.compile(
    r"\((?:Ban hành\s+)?[Kk]èm theo\s+(.+?)\s+số\s+(\d+/[\wĐđ\-]+)\s+ngày\s+"
    r"(?:(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
    r"(?:\s+của\s+([^)]+))?\)?", re.IGNORECASE)
# Markdown left in a line: emphasis, heading and quote marks, escapes ("**An Giang**, ngày …").
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}|>)\s+|\*+|(?<!\w)_+|_+(?!\w)|\\(?=[^\w\s])")
# Every alternative of _MARKDOWN holds one of these: a line without them has no marks.
_MARKDOWN_CHARS = ("#", ">", "*", "_", "\\")
_NUMBERING = re.compile(r"\s+(?:[IVXLC]+|\d{1,2}|[A-Z])\.?$")
_OF_PROVINCE = re.compile(r"(?:UBND|Ủy ban nhân dân|ỦY BAN NHÂN DÂN)\s+(tỉnh|thành phố|TỈNH|THÀNH PHỐ)\s+"
                          r"([A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*(?:\s+[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*){0,3})")
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")
_SUBJECT = re.compile(r"^\s*V/v\s+(.+)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class MetadataResult:
    """``reference`` is the best date known for resolving deadlines written
    without a year: the issue date, or the first of the month when the day was
    left blank."""

    info: DocumentInfo
    warnings: tuple[str, ...]
    reference: date | None = None


def _portal(doc: RawDocument) -> dict[str, str]:
    return {key.lower(): _plain(value) for key, value in doc.metadata}


def _kind(lines: list[str], portal: dict[str, str], number: str | None) -> str:
    words = vocabulary()
    portal_kind = dict(words.kind_words).get(portal.get("loại văn bản", "").upper())
    if portal_kind:
        return portal_kind
    openings = tuple(word for word, _ in words.kind_words)
    for line in lines[:40]:
        bare = line.strip().rstrip(":").strip()
        # Taking the numbering off leaves the start of the line: only a line opening with a
        # kind word can be one.
        unnumbered = _NUMBERING.sub("", bare).upper() if bare.upper().startswith(openings) else None
        for word, kind in words.kind_words:
            # "PHỤ LỤC", "Phụ lục", "Phụ lục II", "KẾ HOẠCH TRIỂN KHAI …"
            if unnumbered == word or (bare.startswith(word) and bare.isupper()):
                return kind
    if number:
        for code, kind in words.number_codes:
            if code in number:
                return kind
        if "/UBND-" in number or any(_SUBJECT.match(ln) for ln in lines[:40]):
            return "cong_van"
    return "unknown"


def _title(lines: list[str], kind: str, portal: dict[str, str]) -> str | None:
    for index, line in enumerate(lines[:40]):
        subject = _SUBJECT.match(line)
        if subject:
            parts = [subject.group(1).strip()]
            for follow in lines[index + 1:index + 4]:
                if _DATE_LINE.match(follow) or follow.isupper() or follow.startswith(("Kính gửi", "CỘNG")):
                    break
                parts.append(follow.strip())
            return " ".join(parts)
    word = next((w for w, k in vocabulary().kind_words if k == kind), None)
    for index, line in enumerate(lines[:40]):
        if word and line.strip().startswith(word) and line.strip().isupper():
            rest = line.strip()[len(word):].strip()
            parts = [rest] if rest else []
            for follow in lines[index + 1:index + 6]:
                text = follow.strip()
                # the subject is short and unpunctuated; the preamble after it is not
                if (not text or text.startswith(("(", "Căn cứ", "CHỦ TỊCH")) or _DATE_LINE.match(text)
                        or len(text) > 300 or text.endswith((".", ";", ":"))):
                    break
                parts.append(text)
                if not text.isupper():
                    break
            if parts:
                return " ".join(parts)
    return portal.get("trích yếu") or None


def _signer(lines: list[str], portal: dict[str, str]) -> str | None:
    if portal.get("người ký"):
        return portal["người ký"]
    for index, line in enumerate(lines):
        if vocabulary().authority.match(line.strip()):
            for follow in lines[index + 1:index + 5]:
                if _NAME.match(follow.strip()):
                    return follow.strip()
    return None


def _issuer(lines: list[str], portal: dict[str, str], place: str | None, number: str | None) -> str | None:
    for index, line in enumerate(lines[:15]):
        if line.strip().upper() not in ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND"):
            continue
        # the province line follows, perhaps after the right column's first line
        for follow in (ln.strip() for ln in lines[index + 1:index + 4]):
            if follow.upper().startswith(("TỈNH ", "THÀNH PHỐ ")) and follow.isupper():
                level, _, province = follow.partition(" ")
                if level.upper() == "THÀNH":
                    province = province.partition(" ")[2]
                    level = "thành phố"
                return f"Ủy ban nhân dân {level.lower()} {province.title()}"
    if place and any("UBND tỉnh" in ln or "Ủy ban nhân dân tỉnh" in ln for ln in lines):
        return f"Ủy ban nhân dân tỉnh {place}"
    for line in lines:
        match = _OF_PROVINCE.search(line)
        if match:
            return f"Ủy ban nhân dân {match.group(1).lower()} {match.group(2).title()}"
    body = portal.get("cơ quan ban hành", "")
    if body.lower().startswith(("tỉnh ", "thành phố ")):
        return f"Ủy ban nhân dân {body[0].lower()}{body[1:]}"
    if body:
        return body
    if place and number and "UBND" in number:
        return f"Ủy ban nhân dân tỉnh {place}"
    return None


def _parse_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _lines(doc: RawDocument) -> list[str]:
    """The document's lines in reading order: paragraphs, and the cells of layout
    tables — Word documents set the header block (issuer | national title, number |
    place and date) and the signature block in borderless tables."""
    lines: list[str] = []
    for item in doc.items:
        if isinstance(item, Paragraph):
            lines.append(item.text.replace("\n", " "))
        elif not any(looks_like_header(row.cells) for row in item.rows[:3]):
            lines.extend(line.strip() for row in item.rows for cell in dict.fromkeys(row.cells)
                         for line in cell.split("\n") if line.strip())
    return [_plain(line) for line in lines]


def _plain(text: str) -> str:
    """The text without Markdown marks, whitespace collapsed."""
    if any(char in text for char in _MARKDOWN_CHARS):
        text = _MARKDOWN.sub("", text)
    return " ".join(text.split())


def _attached_to(lines: list[str]) -> tuple[str, date | None] | None:
    """The number and date of the document an appendix is attached to, from its "(Kèm theo
    Kế hoạch số 12/KH-UBND ngày 05/01/2025 …)" line, which may run over two lines."""
    for index, line in enumerate(lines[:15]):
        attached = _ATTACHED.search(" ".join(lines[index:index + 2]) if "(" in line and ")" not in line else line)
        if attached:
            day, month, year = (attached.group(3, 4, 5) if attached.group(3) else attached.group(6, 7, 8))
            return attached.group(2), _parse_date(day, month, year)
    return None


def extract_metadata(doc: RawDocument) -> MetadataResult:
    lines = _lines(doc)
    portal = _portal(doc)
    warnings: list[str] = []
    number = portal.get("số hiệu") or None
    when: date | None = None
    reference: date | None = None
    place: str | None = None
    for line in lines[:40]:
        match = _NUMBER.match(line)
        if match and number is None:
            if match.group(1):
                code = re.sub(r"\s+", "", match.group(2))
                number = f"{match.group(1)}/{code}"
            else:
                warnings.append(f"the document number is blank ({line.strip()!r}): an unnumbered draft?")
        # the place-and-date line, or its end when a PDF ran the two header columns together
        match = when is None and place is None and (_DATE_LINE.match(line) or _DATE_IN_LINE.search(line))
        if match:
            place = match.group(1).strip() if match.group(1) else None
            if match.group(2):
                when = _parse_date(match.group(2), match.group(3), match.group(4))
                if when is None:
                    warnings.append(f"the issue date is not a real date: {line.strip()!r}")
            else:
                warnings.append(f"the issue date has no day ({line.strip()!r}); date left empty")
                reference = _parse_date("1", match.group(3), match.group(4))
    if "ngày ban hành" in portal:
        parts = re.split(r"[/\-.]", portal["ngày ban hành"])
        if len(parts) == 3:
            when = _parse_date(*parts) or when
    kind = _kind(lines, portal, number)
    attached = _attached_to(lines) if kind == "phu_luc" and number is None else None
    if attached:  # an appendix is known by the document it is attached to
        number, when = attached[0], when or attached[1]
    if number is None and not warnings:
        warnings.append("no document number (Số: …) found")
    info = DocumentInfo(kind=kind, number=number, date=when, issuer=_issuer(lines, portal, place, number),
                        title=_title(lines, kind, portal), signer=_signer(lines, portal), place=place)
    return MetadataResult(info, tuple(warnings), when or reference)
