"""Legal references in Vietnamese text: "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ".

What is found, with the vocabulary in ``data/legal_refs.yaml``:

* ``<type> [số[:]] <number>/[<year>/]<code>[-<issuer code>…] [ngày <date> | năm <year>]
  [của <issuer>]``. The id is ``number/[year/]code`` with the stray spaces of the field
  removed ("01/2023/TT- VPCP" → "01/2023/TT-VPCP") and code parts spelled as in the data
  ("QĐ-TTG", "QD-TTg" → "QĐ-TTg"; a missing hyphen "QĐTTg" is restored).
* Without a type word ("theo 107/2021/NĐ-CP", the second of "Nghị quyết số: 01/NQ-CP,
  02/NQ-CP") the type comes from the code: NĐ → Nghị định, QĐ → Quyết định, … and a code
  that starts with an issuer ("627/UBND-VP", "1892/VPCP-KSTT") is a Công văn. Members of a
  list that shares its type word also share a trailing "của <issuer>".
* Party documents "18-NQ/TW": id as written, code "NQ/TW".
* ``year`` is the year in the number, else the year of the date, else of "năm <year>".
* ``issuer`` is the body after "của" when it is a known one (as written, with the official's
  title: "Chủ tịch UBND tỉnh"), else the body the code names (TTg → Thủ tướng Chính phủ).
* Laws cited by name: "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" has
  type "Luật", issuer "Quốc hội" and id "<name> năm <year>" ("Luật Tổ chức chính quyền
  địa phương năm 2015"); without a date the id is the name alone.
* Not references: the document's own number in its header ("Số: 242/QĐ-UBND"), and a
  draft number with no digits ("Chỉ thị số /CT-UBND").

``start``/``end`` index the text as given (before NFC normalisation and removal of
Markdown "**"), and ``text`` is ``text[start:end]``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial
from typing import Any

from ..errors import DataError, InputError
from ..models import LegalRef
from ..datafile import load_mapping, require
from ..text.phrases import DIGIT, longest_first

DATA_FILE = "legal_refs.yaml"
_check = partial(require, DATA_FILE)

_S = r"[^\S\n]"
_GAP = f"{_S}+"  # between the words of a vocabulary phrase: spaces, never a line break
_PART = r"[A-ZĐ][A-ZĐ0-9&]*+(?:[a-zđ][A-ZĐ0-9]*+)?(?![\w&])"
_CODED = re.compile(
    rf"(?<![\w/.,-])(?P<number>[0-9]{{1,6}}){_S}?/{_S}?(?:(?P<year>[0-9]{{4}}){_S}?/{_S}?)?"
    rf"(?P<code>{_PART}(?:{_S}?[-–]{_S}?{_PART})*+)")
_PARTY = re.compile(r"(?<![\w/.,-])(?P<number>[0-9]{1,6})-(?P<code>[A-ZĐ]{1,6}/[A-ZĐ]{1,8}[0-9]{0,2})(?![\w&/])")
_DATE = re.compile(
    rf"{_S}*,?{_S}*ngày{_S}+(?:(?P<d>[0-9]{{1,2}}){_S}*([/.-]){_S}*(?P<m>[0-9]{{1,2}}){_S}*\2{_S}*(?P<y>[0-9]{{4}})"
    rf"|(?P<d2>[0-9]{{1,2}}){_S}+tháng{_S}+(?P<m2>[0-9]{{1,2}}){_S}+năm{_S}+(?P<y2>[0-9]{{4}}))(?![0-9])"
    rf"|{_S}+năm{_S}+(?P<y3>[0-9]{{4}})(?![0-9])", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:\n\t|()]")
_LIST_GAP = re.compile(r"\s*(?:,|;|và|,\s*và)\s*", re.IGNORECASE)
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})
_TYPE_WINDOW = 40
_LAW_WINDOW = 250
_MAX_LAW_WORDS = 15


@dataclass(frozen=True)
class _Vocab:
    types: dict[str, str]          # casefolded type word → as in the data
    type_codes: dict[str, str]     # casefolded code → type
    issuer_codes: dict[str, str]   # casefolded code → issuer
    spelling: dict[str, str]       # casefolded code part → canonical spelling
    letter_type: str
    law_types: frozenset[str]
    law_words: tuple[str, ...]     # the first words of the law types, as ``law_head`` finds them
    law_issuer: str
    generic_types: frozenset[str]
    type_before: re.Pattern[str]
    own_number: re.Pattern[str]
    issuer_after: re.Pattern[str]
    law_head: re.Pattern[str]
    law_stops: frozenset[str]
    not_laws: re.Pattern[str]


def load_vocabulary() -> dict[str, Any]:
    """The raw contents of ``data/legal_refs.yaml``."""
    return load_mapping(DATA_FILE)


@cache
def _vocab() -> _Vocab:
    data = load_vocabulary()
    types = _check(data, "types", list)
    type_codes = _check(data, "type_codes", dict)
    issuer_codes = _check(data, "issuer_codes", dict)
    aliases = _check(data, "code_aliases", dict)
    spelling = {c.casefold(): c for c in [*type_codes, *issuer_codes]}
    for alias, code in aliases.items():
        if code.casefold() not in spelling:
            raise DataError(f"{DATA_FILE}: alias {alias!r} points to unknown code {code!r}")
        spelling[alias.casefold()] = code
    titles = longest_first(_check(data, "issuer_titles", list), gap=_GAP)
    own = longest_first(_check(data, "own_number_labels", list), gap=_GAP)
    laws = _check(data, "law_types", list)
    return _Vocab(
        types={t.casefold(): t for t in types},
        type_codes={c.casefold(): t for c, t in type_codes.items()},
        issuer_codes={c.casefold(): i for c, i in issuer_codes.items()},
        spelling=spelling,
        letter_type=_check(data, "letter_type", str),
        law_types=frozenset(laws),
        law_words=tuple({law.split()[0] for law in laws}),
        law_issuer=_check(data, "law_issuer", str),
        generic_types=frozenset(t.casefold() for t in _check(data, "generic_types", list)),
        type_before=re.compile(rf"(?<!\w)({longest_first(types, gap=_GAP)})(?:{_S}+số)?{_S}*:?{_S}*$", re.IGNORECASE),
        own_number=re.compile(rf"{_S}*(?:{own}){_S}*[:|]?{_S}*$"),
        issuer_after=re.compile(
            rf"{_S}+của{_S}+(?:(?:{titles})(?:{_S}*,{_S}*(?:{titles}))*{_S}+)?"
            rf"(?:{longest_first(_check(data, 'issuer_names', list), gap=_GAP)})(?!\w)", re.IGNORECASE),
        law_head=re.compile(rf"(?<!\w)(?:{longest_first(laws, gap=_GAP)})(?={_S}+\w)"),
        law_stops=frozenset(w.casefold() for w in _check(data, "law_name_stops", list)),
        not_laws=re.compile(rf"(?:{longest_first(_check(data, 'not_laws', list), gap=_GAP)})(?!\w)"),
    )


class _Text:
    """The text normalised for matching (NFC, no "*", "Ð" → "Đ"), with the span each
    character came from, so a match maps back to offsets in the original."""

    def __init__(self, original: str) -> None:
        self.original = original
        plain = unicodedata.is_normalized("NFC", original) and not any(c in original for c in "*Ðð")
        if plain:
            self.clean, self.starts, self.ends = original, None, None
            return
        out: list[str] = []
        self.starts, self.ends = [], []
        i, n = 0, len(original)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(original[j]):
                j += 1
            if original[i:j] != "*":
                for ch in unicodedata.normalize("NFC", original[i:j]).translate(_LOOKALIKES):
                    out.append(ch)
                    self.starts.append(i)
                    self.ends.append(j)
            i = j
        self.clean = "".join(out)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True)
class _Found:
    ref: LegalRef
    start: int            # in the clean text
    end: int
    typed: bool           # a type word was written before it
    issuer_written: bool  # the issuer came from "của …"


def _date(match: re.Match[str]) -> tuple[date | None, int | None]:
    if match.group("y3"):
        return None, int(match.group("y3"))
    d, m, y = (match.group(k) or match.group(k + "2") for k in ("d", "m", "y"))
    try:
        return date(int(y), int(m), int(d)), int(y)
    except ValueError:
        return None, int(y)


def _canonical_parts(code: str, v: _Vocab) -> list[str]:
    parts = [v.spelling.get(p.casefold(), p) for p in re.split(rf"{_S}*[-–]{_S}*", code)]
    head = parts[0].casefold()
    if head not in v.type_codes and head not in v.issuer_codes:
        # "1085/QĐTTg": a hyphen dropped between type code and issuer code
        for type_code in sorted(v.type_codes, key=len, reverse=True):
            rest = head[len(type_code):]
            if head.startswith(type_code) and rest and _issuer(rest, v):
                return [v.spelling[type_code], v.spelling.get(rest, parts[0][len(type_code):]), *parts[1:]]
    return parts


def _issuer(code: str, v: _Vocab) -> str | None:
    return v.issuer_codes.get(code.casefold()) or v.issuer_codes.get(code.casefold().rstrip("0123456789"))


def _identity(match: re.Match[str], v: _Vocab, party: bool) -> tuple[str, str, list[str], int | None]:
    """The id, code, code parts and written year of a matched number."""
    number = match.group("number")
    if party:
        code = match.group("code")
        return f"{number}-{code}", code, code.split("/"), None
    parts = _canonical_parts(match.group("code"), v)
    code, year = "-".join(parts), match.group("year")
    return (f"{number}/{year}/{code}" if year else f"{number}/{code}"), code, parts, int(year) if year else None


def _type_and_issuer(parts: list[str], v: _Vocab) -> tuple[str | None, str | None]:
    """What the code says: "NĐ-CP" → Nghị định of Chính phủ, "UBND-VP" → Công văn of Ủy ban nhân dân."""
    kind = v.type_codes.get(parts[0].casefold())
    if kind:
        return kind, next((issuer for part in parts[1:] if (issuer := _issuer(part, v))), None)
    return (v.letter_type if len(parts) > 1 else None), _issuer(parts[0], v)


def _coded(match: re.Match[str], text: str, v: _Vocab, party: bool) -> _Found | None:
    start, end = match.start(), match.end()
    lo = max(0, start - _TYPE_WINDOW)
    typed = v.type_before.search(text[lo:start])
    line_start = text.rfind("\n", lo, start) + 1
    if not typed and (line_start or not lo) and v.own_number.match(text, line_start, start):
        return None
    ref_id, code, parts, year = _identity(match, v, party)
    kind, issuer = _type_and_issuer(parts, v)
    if typed:
        written_type = " ".join(typed.group(1).split()).casefold()
        kind = kind if written_type in v.generic_types else v.types[written_type]
        start = lo + typed.start()
    if parts[0].casefold() not in v.type_codes and (not typed or kind in v.law_types):
        if law := _law_named_before(text, match.start(), v):
            start, kind, issuer, typed = law[0], law[1], v.law_issuer, True
    ref_date = None
    if dated := _DATE.match(text, end):
        ref_date, date_year = _date(dated)
        year, end = year or date_year, dated.end()
    if written := v.issuer_after.match(text, end):
        issuer, end = " ".join(written.group().split()[1:]), written.end()
    ref = LegalRef(text="", id=ref_id, type=kind, number=match.group("number"), year=year, code=code,
                   issuer=issuer, date=ref_date)
    return _Found(ref, start, end, bool(typed), bool(written))


def _law_named_before(text: str, pos: int, v: _Vocab) -> tuple[int, str] | None:
    """A law named just before its number: "Luật Đất đai số 45/2013/QH13"."""
    lo = max(0, pos - _LAW_WINDOW)
    window = text[lo:pos]
    if not re.search(rf"{_S}số{_S}*:?{_S}*$", window, re.IGNORECASE):
        return None
    stops = [m.end() for m in _CLAUSE_END.finditer(window)]
    heads = list(v.law_head.finditer(window, stops[-1] if stops else 0))
    if not heads or any(c.isdigit() for c in window[heads[-1].start():]):
        return None
    head = heads[0]
    return lo + head.start(), next(t for t in v.law_types if head.group().startswith(t))


def _law(match: re.Match[str], text: str, v: _Vocab) -> _Found | None:
    head_start, pos = match.start(), match.end()
    if v.not_laws.match(text, head_start):
        return None
    clause_stop = _CLAUSE_END.search(text, pos, pos + _LAW_WINDOW)
    clause_end = clause_stop.start() if clause_stop else min(len(text), pos + _LAW_WINDOW)
    name_end = pos
    for count, word in enumerate(re.finditer(r"\S+", text[pos:clause_end])):
        token = word.group().rstrip(",")
        if count == _MAX_LAW_WORDS or token.casefold() in v.law_stops or any(c.isdigit() for c in token):
            break
        name_end = pos + word.start() + len(token)
        if token != word.group():
            break  # a comma ends the name
    dated = _DATE.match(text, name_end)
    if not dated:
        # An amending law names the law it amends: "Luật sửa đổi, … của Luật X ngày …".
        full = re.search(rf"{_S}ngày{_S}+[0-9]", text[pos:clause_end], re.IGNORECASE)
        inner = text[pos:pos + full.start()] if full else ""
        if full and v.law_head.search(inner) and not any(c.isdigit() for c in inner):
            name_end, dated = pos + full.start(), _DATE.match(text, pos + full.start())
    if re.match(rf"{_S}+số{_S}*:?{_S}*[0-9]", text[name_end:name_end + 20], re.IGNORECASE):
        return None  # "Luật … số 80/2015/QH13": the coded reference stands for it
    name = " ".join(text[head_start:name_end].split()).rstrip(" ,")
    words = name.split()[len(match.group().split()):]
    if not dated and not (len(words) >= 2 or (words and words[0][0].isupper())):
        return None  # "(Luật giao; …)": "the law assigns", not a law's name
    ref_date, year, end = None, None, name_end
    if dated:
        (ref_date, year), end = _date(dated), dated.end()
    ref_id = f"{name} năm {year}" if year else name
    kind = next(t for t in v.law_types if name.startswith(t))
    ref = LegalRef(text="", id=ref_id, type=kind, year=year, issuer=v.law_issuer, date=ref_date)
    return _Found(ref, head_start, end, True, False)


def _share_lists(found: list[_Found], text: str) -> list[_Found]:
    """Members of "Thông tư số A ngày …, B ngày … của X" share A's type and X."""
    groups: list[list[_Found]] = []
    for item in found:
        previous = groups[-1][-1] if groups else None
        if previous and not item.typed and _LIST_GAP.fullmatch(text, previous.end, item.start):
            groups[-1].append(item)
        else:
            groups.append([item])
    shared: list[_Found] = []
    for group in groups:
        first, last = group[0], group[-1]
        for item in group:
            ref = item.ref
            if ref.type is None:
                ref = replace(ref, type=first.ref.type)
            if last.issuer_written and not item.issuer_written:
                ref = replace(ref, issuer=last.ref.issuer)
            shared.append(item if ref is item.ref else replace(item, ref=ref))
    return shared


def find_legal_refs(text: str) -> tuple[LegalRef, ...]:
    """Every legal reference in ``text``, in order of appearance; ``()`` when there is none.

    >>> find_legal_refs("theo Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ")[0].id
    '61/2018/NĐ-CP'
    """
    if not isinstance(text, str):
        raise InputError(f"find_legal_refs expects text, got {type(text).__name__}: {text!r:.80}")
    v, doc = _vocab(), _Text(text)
    clean = doc.clean
    found: list[_Found] = []
    if "/" in clean and DIGIT.search(clean):  # "61/2018/NĐ-CP", "18-NQ/TW": digits and a "/"
        found = [f for m in _CODED.finditer(clean) if (f := _coded(m, clean, v, party=False))]
        found += [f for m in _PARTY.finditer(clean) if (f := _coded(m, clean, v, party=True))]
        found.sort(key=lambda f: f.start)
    laws: list[_Found] = []
    covered = iter(found)
    current = next(covered, None)
    # law_head matches case-sensitively, so the first word of a law type is in the text as written
    for m in v.law_head.finditer(clean) if any(word in clean for word in v.law_words) else ():
        while current is not None and current.end <= m.start():
            current = next(covered, None)
        inside = current is not None and current.start <= m.start()
        if not inside and not (laws and laws[-1].end > m.start()) and (law := _law(m, clean, v)):
            laws.append(law)
    merged = sorted(found + laws, key=lambda f: f.start)
    refs = []
    for item in _share_lists(merged, clean):
        start, end = doc.span(item.start, item.end)
        refs.append(replace(item.ref, text=text[start:end], start=start, end=end))
    return tuple(refs)


def _completeness(ref: LegalRef) -> int:
    return sum(value is not None for value in (ref.type, ref.year, ref.issuer, ref.date))


def count_refs(refs: Iterable[LegalRef]) -> tuple[tuple[LegalRef, int], ...]:
    """How often each document is cited, most cited first, ties in order of first citation.

    Citations of one document are grouped by id, ignoring case and spacing; each group is
    shown by its most complete citation (most of type, year, issuer, date known), the
    earliest of equals.
    """
    groups: dict[str, list[LegalRef]] = {}
    for ref in refs:
        groups.setdefault(" ".join(ref.id.casefold().split()), []).append(ref)
    ranked = sorted(groups.values(), key=len, reverse=True)  # stable: ties keep first appearance
    return tuple((max(group, key=_completeness), len(group)) for group in ranked)
