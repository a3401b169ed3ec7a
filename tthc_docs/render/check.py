"""``tthc check``: how a .docx deviates from the Decree 30/2020 format.

Checks, with the rules in ``data/decree30.yaml``: A4 paper and margins of every
section (the first portrait, later ones may be landscape); the font of every
run of text; size, weight, slant and case of the national title, motto, number
line, place-and-date line, document type, body, signature block and Nơi nhận;
the zero before days 1–9 and months 1–2 in the date of issue; national title and
motto present. Parts are recognised by their text, so any .docx can be checked.
A size or page measure that cannot be read ("abc") is reported, not fatal.

The same deviation in many paragraphs (a whole document in Arial) is reported
once, at its first paragraph, with the number of paragraphs it affects.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..readers.safety import check_size
from ..vietnamese import strip_accents
from .docx_format import DocxFormat, ParagraphFormat, read_format
from .settings import FormatRules, RoleRule, format_rules

_EXCERPT = 60
_PLACE_DATE = re.compile(r"^[^,\d]{2,60},\s*ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
_LIST_MARK = ("-", "+", "•", "–")
# How far after an authority line the signer's name may be (blank lines for the signature).
_NAME_WINDOW = 10


@dataclass(frozen=True)
class Deviation:
    """One way the document departs from the format. ``paragraph`` is the
    1-based paragraph number in document order (tables included), None for
    page setup and missing parts; ``count`` is how many paragraphs share it."""

    rule: str
    message: str
    paragraph: int | None = None
    text: str = ""
    count: int = 1

    def __str__(self) -> str:
        where = f"paragraph {self.paragraph} «{self.text}»: " if self.paragraph is not None else ""
        more = f" (and {self.count - 1} more paragraph(s))" if self.count > 1 else ""
        return f"{where}{self.message}{more}"


def check_docx(path: str | Path) -> tuple[Deviation, ...]:
    """Every deviation of the .docx at ``path``; an empty tuple when it conforms."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path) from exc
    check_size(data, str(path), "docx")
    return check_format(read_format(data, str(path)))


def fold(text: str) -> str:
    """Upper case without diacritics or dash variants: compares "CỘNG HOÀ" with
    "CỘNG HÒA" and "Độc lập – Tự do" with "Độc lập - Tự do"."""
    return " ".join(_DASHES.sub(" - ", strip_accents(text)).upper().split())


def check_format(document: DocxFormat, rules: FormatRules | None = None) -> tuple[Deviation, ...]:
    rules = rules or format_rules()
    found: list[Deviation] = list(_page(document, rules))
    roles = assign_roles(document.paragraphs, rules)
    for role in ("national_title", "motto"):
        if role not in roles.values():
            found.append(Deviation(f"{role}.missing", f"no {rules.roles[role].label} ({_show(rules, role)})"))
    for paragraph in document.paragraphs:
        role = roles.get(paragraph.index)
        if role is not None:
            found += _role(paragraph, rules.roles[role])
        if role == "place_date":
            found += _date_zeros(paragraph)
        found += _fonts(paragraph, rules.font)
        found += [_at(paragraph, "unreadable", f"unreadable value {value} ignored", value)
                  for value in paragraph.unreadable]
    return _grouped(found)


def _show(rules: FormatRules, role: str) -> str:
    return rules.national_title if role == "national_title" else rules.motto


def assign_roles(paragraphs: tuple[ParagraphFormat, ...], rules: FormatRules) -> dict[int, str]:
    """Which paragraph is which part of a formal document, by its text."""
    roles: dict[int, str] = {}
    title, motto = fold(rules.national_title), fold(rules.motto)
    types = {fold(t) for t in rules.document_types}
    prefixes = tuple(fold(p) for p in rules.authority_prefixes)
    titles = {fold(t) for t in rules.signer_titles}
    number = fold(rules.number_prefix).rstrip(":")
    recipients = fold(rules.recipients_prefix)
    listing = None
    for n, p in enumerate(paragraphs):
        key = fold(p.text)
        if not key:
            continue
        if listing == p.container and p.text.startswith(_LIST_MARK):
            roles[p.index] = "recipients"
            continue
        listing = None
        if key == title:
            roles[p.index] = "national_title"
        elif key == motto:
            roles[p.index] = "motto"
        elif re.match(rf"^{re.escape(number)}\s*:", key) and len(key) < 80:
            roles[p.index] = "number"
        elif _PLACE_DATE.match(unicodedata.normalize("NFC", p.text)) and len(p.text) < 100:
            roles[p.index] = "place_date"
        elif key.startswith(recipients):
            roles[p.index] = "recipients_heading"
            listing = p.container
        elif not p.in_table and (key in types or (p.text == p.text.upper()
                                                  and any(key.startswith(t + " ") for t in types))):
            roles[p.index] = "document_type"
        elif len(key) < 80 and p.text == p.text.upper() and (key.startswith(prefixes) or key in titles):
            roles[p.index] = "signature_authority"
            _signer(paragraphs, n, roles, prefixes, titles)
    _issuer(paragraphs, roles)
    for p in paragraphs:
        if p.index not in roles and not p.in_table and p.text:
            roles[p.index] = "body"
    return roles


def _signer(paragraphs, start: int, roles: dict[int, str], prefixes, titles) -> None:
    """The signer's name: the next text in the same cell after the authority
    lines, skipping the blank space and "(Ký, ghi rõ họ tên)"."""
    container = paragraphs[start].container
    for p in paragraphs[start + 1:start + 1 + _NAME_WINDOW]:
        if p.container != container:
            return
        key = fold(p.text)
        if not key or key.startswith("(") or key.startswith(prefixes) or key in titles:
            continue
        roles.setdefault(p.index, "signer_name")
        return


def _issuer(paragraphs, roles: dict[int, str]) -> None:
    """Parent and issuing body: upper-case lines in the first column of the
    table holding the national title, before the number; the bold ones are the
    issuing body, the plain ones above them the parent body."""
    tables = {p.table for p in paragraphs if roles.get(p.index) == "national_title" and p.table is not None}
    for table in tables:
        lines = [p for p in paragraphs if p.table == table and p.column == 0 and p.index not in roles
                 and p.text and p.text == p.text.upper() and any(c.isalpha() for c in p.text)]
        for p in lines:
            bold = bool(p.runs) and all(r.bold for r in p.runs)
            roles[p.index] = "issuing_body" if bold or p is lines[-1] else "parent_body"


def _role(p: ParagraphFormat, rule: RoleRule) -> list[Deviation]:
    out: list[Deviation] = []
    label = f"{rule.label}"
    low, high = rule.size
    for size in sorted({r.size for r in p.runs if not low <= r.size <= high}):
        expected = f"{low:g} pt" if low == high else f"{low:g}–{high:g} pt"
        out.append(_at(p, f"{rule.role}.size", f"{label}: size {size:g} pt, expected {expected}", f"{size:g}"))
    for attribute, word in (("bold", "bold"), ("italic", "italic")):
        wanted = getattr(rule, attribute)
        if wanted is None or not p.runs:
            continue
        actual = [getattr(r, attribute) for r in p.runs]
        if wanted and not all(actual):
            out.append(_at(p, f"{rule.role}.{attribute}", f"{label}: not {word}, expected {word}"))
        elif not wanted and any(actual):
            out.append(_at(p, f"{rule.role}.{attribute}", f"{label}: {word}, expected not {word}"))
    if rule.upper and p.runs and not all(r.caps or r.text == r.text.upper() for r in p.runs):
        out.append(_at(p, f"{rule.role}.upper", f"{label}: not in upper case"))
    return out


def _date_zeros(p: ParagraphFormat) -> list[Deviation]:
    out = []
    for day, month, _ in _DATE_WORDS.findall(unicodedata.normalize("NFC", p.text)):
        if len(day) == 1:
            out.append(_at(p, "place_date.zero", f"day {day} written without a leading zero (0{day})", day))
        if len(month) == 1 and int(month) in (1, 2):
            out.append(_at(p, "place_date.zero", f"month {month} written without a leading zero (0{month})", month))
    return out


def _fonts(p: ParagraphFormat, font: str) -> list[Deviation]:
    wrong = sorted({f for r in p.runs for f in r.fonts if f.casefold() != font.casefold()})
    return [_at(p, "font", f"font {f!r}, expected {font!r}", f) for f in wrong]


def _at(p: ParagraphFormat, rule: str, message: str, value: str = "") -> Deviation:
    text = p.text if len(p.text) <= _EXCERPT else p.text[:_EXCERPT - 1] + "…"
    return Deviation(rule=f"{rule}={value}" if value else rule, message=message, paragraph=p.index, text=text)


def _grouped(found: list[Deviation]) -> tuple[Deviation, ...]:
    first: dict[str, Deviation] = {}
    counts: dict[str, int] = {}
    for deviation in found:
        key = deviation.rule if deviation.paragraph is not None else f"{deviation.rule}@{deviation.message}"
        first.setdefault(key, deviation)
        counts[key] = counts.get(key, 0) + 1
    return tuple(
        Deviation(d.rule.split("=")[0], d.message, d.paragraph, d.text, counts[k]) for k, d in first.items()
    )


def _page(document: DocxFormat, rules: FormatRules) -> list[Deviation]:
    out: list[Deviation] = []
    width, height = rules.page_mm
    tol = rules.page_tolerance_mm
    for section in document.sections:
        name = f"section {section.index}"
        out += [Deviation("unreadable", f"{name}: unreadable value {value} ignored") for value in section.unreadable]
        if section.width_mm is None or section.height_mm is None:
            out.append(Deviation("page.size", f"{name}: page size not set, expected A4 {width:g} × {height:g} mm"))
            continue
        portrait = abs(section.width_mm - width) <= tol and abs(section.height_mm - height) <= tol
        landscape = abs(section.width_mm - height) <= tol and abs(section.height_mm - width) <= tol
        if not (portrait or (landscape and section.index > 1)):
            expected = f"A4 {width:g} × {height:g} mm" + (" portrait" if section.index == 1 else "")
            out.append(Deviation("page.size", f"{name}: page {section.width_mm:.0f} × {section.height_mm:.0f} mm, "
                                              f"expected {expected}"))
        for side, (low, high) in rules.margins_mm.items():
            value = section.margins_mm.get(side)
            slack = rules.margin_tolerance_mm
            if value is None or not low - slack <= value <= high + slack:
                shown = "not set" if value is None else f"{value:.1f} mm"
                out.append(Deviation(f"page.margin.{side}",
                                     f"{name}: {side} margin {shown}, expected {low:g}–{high:g} mm"))
    return out
