"""Reading a Vietnamese deadline cell (thời hạn) into a :class:`~tthc_docs.models.Deadline`.

The cell is read with regexes compiled once from the vocabulary in ``data/deadlines.yaml``:

* legal references ("Quyết định số 2794/QĐ-UBND ngày 20/10/2022") are masked first, so the
  dates they carry are never taken for deadlines;
* dated expressions are collected: days ("Trước ngày 15/02/2024", "ngày 30 tháng 4 năm
  2025"), months ("Tháng 5/2021", "đầu tháng 3"), quarters ("Quý IV/ 2021"), parts of a year
  ("6 tháng đầu năm", "Hết năm 2025") and years ("Năm 2023 - 2025");
* a missing year comes from a neighbouring expression ("Quý I, Quý II năm 2025"), else from
  the document's date (``reference``);
* markers decide the kind, in this order: ongoing ("Thường xuyên"), recurring ("hằng tháng",
  "Định kỳ 06 tháng/01 lần", "định kỳ 6 tháng"), conditional when the cell opens with a condition
  ("Sau khi có hướng dẫn…") and names no date (a date stated with it wins, the condition is
  kept), dated (date or period), relative ("trong 05 ngày làm việc kể từ…"), conditional
  anywhere ("đột xuất"), ongoing again when the cell names only a start ("Từ ngày 01/7/2025"),
  else "none".

Several dates make milestones and ``due`` is the last of them, except that a date after
"chậm nhất" is a grace limit ("Tháng 12/2022, chậm nhất tháng 03/2023" is due in December)
and dates joined by "hoặc" are alternatives, not milestones. "Trước ngày X" allows X itself.
No regex can backtrack without bound (every repeated group opens with a fixed character or is
bounded), and the steps after matching are linear, so parsing time grows with the cell's length.

:func:`~tthc_docs.nlp.deadline_phrases.find_deadline_phrases` finds the same expressions in
running prose.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from ..errors import DataError
from ..models import Deadline, Milestone, Recurrence
from ..datafile import load_mapping, require
from ..text.phrases import DIGIT, longest_first, phrase_key

_FREQUENCIES = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}
_YEARLY_LEVELS = ("day", "month", "quarter")
DATA_FILE = "deadlines.yaml"
_COMMON_YEAR = 2001  # not a leap year
_LISTS = ("every_words", "periodic_words", "recurring_unspecified", "ongoing", "open_ended", "conditional_openers",
          "conditional_markers", "relative_prepositions", "relative_anchors", "duration_units",
          "current_year_phrases", "times_words", "per_words", "range_words", "start_markers", "grace_markers",
          "alternative_markers", "phrase_cues", "phrase_fillers", "phrase_leads", "phrase_joiners", "phrase_conditions",
          "handling_words", "completion_words")
_MAPS = ("units", "number_words", "roman_numerals", "month_parts", "year_parts", "year_spans")
# Where re folds case (IGNORECASE) as str.lower() does, letter for letter: Latin script with
# Vietnamese, digits, punctuation and signs. Elsewhere some letters fold to others (dotless ı
# and i, long ſ and s, İ, Greek and Cyrillic letters): a text holding one opens every gate.
_EVEN_CASE = ("\x00-\xb4\xb6-\u012f\u0132-\u017e\u0180-\u024f\u0300-\u0344\u0346-\u036f"
              "\u1e00-\u1e5f\u1e62-\u1e9a\u1e9c-\u1eff\u2000-\u206f\u2190-\u22ff\uff00-\uffef")
_UNEVEN_CASE = re.compile(f"[^{_EVEN_CASE}]")


@cache
def vocabulary() -> dict[str, Any]:
    """The deadline vocabulary of ``tthc_docs/data/deadlines.yaml``, checked for shape."""
    data = load_mapping(DATA_FILE)
    for key in _LISTS + _MAPS:
        require(DATA_FILE, data, key, list if key in _LISTS else dict)
    return data


@dataclass(frozen=True)
class Held:
    """What a text holds, as the gates ask: its lower case (None where its case folds
    unevenly) and whether it has a digit."""

    lowered: str | None
    digit: bool

    @classmethod
    def of(cls, text: str) -> Held:
        return cls(None if _UNEVEN_CASE.search(text) else text.lower(), DIGIT.search(text) is not None)


@dataclass(frozen=True)
class Gate:
    """What any text a pattern matches holds: a digit (``digit``), and of each group a phrase
    all of whose words are in it, ignoring case. A pattern is tried only where its gate opens:
    most prose names no quarter, no recurrence, no condition, and a regex tries every position
    of a text where looking for a word does not."""

    digit: bool = False
    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()

    def opens(self, held: Held) -> bool:
        if self.digit and not held.digit:
            return False
        lowered = held.lowered
        if lowered is None:
            return True
        for group in self.groups:  # loops, not all/any: this runs for every pattern of every text
            for phrase in group:
                for word in phrase:
                    if word not in lowered:
                        break
                else:
                    break
            else:
                return False
        return True


def gate(*lists: Iterable[str], digit: bool = False) -> Gate:
    """The gate of a pattern that needs a digit (``digit``) and a phrase of each of ``lists``,
    its words apart by whitespace as ``longest_first`` joins them. A list that is empty, has an
    empty phrase or a letter whose case folds unevenly says nothing."""
    groups = []
    for phrases in map(list, lists):
        if phrases and all(p.split() and not _UNEVEN_CASE.search(p) for p in phrases):
            groups.append(tuple(tuple(p.lower().split()) for p in phrases))
    return Gate(digit, tuple(sorted(groups, key=len)))  # the shortest lists, the rarest words, shut it soonest


@dataclass(frozen=True)
class _Patterns:
    legal: re.Pattern[str]
    dated: tuple[tuple[str, re.Pattern[str], Gate], ...]
    every: re.Pattern[str]
    interval: re.Pattern[str]
    times: re.Pattern[str]
    periodic: re.Pattern[str]
    unspecified: re.Pattern[str]
    month_day: re.Pattern[str]
    ongoing: re.Pattern[str]
    open_ended: re.Pattern[str]
    opener: re.Pattern[str]
    marker: re.Pattern[str]
    relative: re.Pattern[str]
    start: re.Pattern[str]
    grace: re.Pattern[str]
    alternative: re.Pattern[str]
    clause_break: re.Pattern[str]
    gates: dict[str, Gate]  # of the patterns above that have one, by name

    def found(self, name: str, text: str, held: Held) -> Iterator[re.Match[str]]:
        """The matches of a pattern in a text, none where its gate stays shut."""
        return getattr(self, name).finditer(text) if self.gates[name].opens(held) else iter(())

    def first(self, name: str, text: str, held: Held) -> re.Match[str] | None:
        return getattr(self, name).search(text) if self.gates[name].opens(held) else None


@cache
def patterns() -> _Patterns:
    v = vocabulary()
    units = v["units"]

    def words(kind: str) -> list[str]:
        return [w for w, u in units.items() if u == kind]

    def unit(kind: str) -> str:
        return longest_first(words(kind))

    def compile_(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    # Legal style spells a number out after the digits: "05 (năm) ngày làm việc".
    num = rf"(?:\d{{1,3}}(?:\s?\(\s?[^\W\d_]+(?:\s[^\W\d_]+){{0,3}}\s?\))?|{longest_first(v['number_words'])})"
    times, per = longest_first(v["times_words"]), longest_first(v["per_words"])
    year = r"(?P<y>\d{4})"
    month_year = rf"(?:\s*[/.-]\s*{year}|\s+{unit('year')}\s+{year.replace('y>', 'y2>')})"
    # (level, pattern, what it needs: the words and digits no match can do without)
    dated = (
        ("day", rf"(?<![\d/.])(?P<d>\d{{1,2}})\s?/\s?(?P<m>\d{{1,2}})(?:\s?/\s?{year})?(?![\d/])", gate(digit=True)),
        ("day", rf"(?<![\d.-])(?P<d>\d{{1,2}})(?P<sep>[.-])(?P<m>\d{{1,2}})(?P=sep){year}(?![\d.-])", gate(digit=True)),
        ("day", rf"\b{unit('day')}\s+(?P<d>\d{{1,2}})\s+{unit('month')}\s+(?P<m>\d{{1,2}})"
                rf"(?:{month_year})?(?![\d/])", gate(words("day"), words("month"), digit=True)),
        ("month", rf"(?<![\d/])(?P<m>\d{{1,2}})\s*/\s*{year}(?![\d/])", gate(digit=True)),
        ("month", rf"(?:\b(?P<part>{longest_first(v['month_parts'])})\s+)?\b{unit('month')}\s*(?P<m>\d{{1,2}})"
                  rf"(?:{month_year})?(?![\d/])", gate(words("month"), digit=True)),
        ("quarter", rf"\b{unit('quarter')}\s*(?P<q>{longest_first(v['roman_numerals'])}|[1-4])\b"
                    rf"(?:\s*[/.-]\s*{year}|\s+(?:{unit('year')}\s+)?(?P<y2>\d{{4}}))?", gate(words("quarter"))),
        ("span", rf"\b(?P<n>{num})\s+{unit('month')}\s+(?P<side>{longest_first(v['year_spans'])})\s+{unit('year')}"
                 rf"(?:\s+{year})?\b", gate(words("month"), v["year_spans"], words("year"))),
        ("yearpart", rf"\b(?P<part>{longest_first(v['year_parts'])})\s+{unit('year')}(?:\s+{year})?\b",
         gate(v["year_parts"], words("year"))),
        ("year", rf"\b(?:{unit('year')}|{longest_first(v['range_words'])})\s+(?P<y0>\d{{4}})"
                 rf"(?:\s*[-–]\s*(?:{unit('year')}\s+)?{year})?\b", gate([*words("year"), *v["range_words"]], digit=True)),
        ("thisyear", rf"\b{longest_first(v['current_year_phrases'])}\b(?!\s*\d)", gate(v["current_year_phrases"])),
    )
    every_unit = rf"(?P<unit>{longest_first(units)})"
    return _Patterns(
        # Case matters here: the issuer code of a reference is upper case ("2794/QĐ-UBND").
        legal=re.compile(rf"\b\d+(?:/\d{{4}})?/[A-ZĐ][\w&]*(?:\s?[-–]\s?[A-ZĐ][\w&]*)*"
                         rf"(?:\s+(?:{unit('day')}\s+\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?\d{{4}}"
                         rf"|{unit('day')}\s+\d{{1,2}}\s+{unit('month')}\s+\d{{1,2}}\s+{unit('year')}\s+\d{{4}}"
                         rf"|{unit('year')}\s+\d{{4}}))?"),
        dated=tuple((level, compile_(p), needs) for level, p, needs in dated),
        every=compile_(rf"(?:\b{unit('day')}\s+(?P<d>\d{{1,2}})\s+)?\b{longest_first(v['every_words'])}\s+{every_unit}\b"),
        interval=compile_(rf"\b(?P<n>{num})\s*{every_unit}\s*(?:/\s*(?:(?P<k>{num})\s*)?|\s+{per}\s+){times}\b"),
        times=compile_(rf"\b(?P<k>{num})\s*{times}\s*(?:/|\s{per}\s)\s*{every_unit}\b"),
        # "Định kỳ 6 tháng" (but not "định kỳ 6 tháng đầu năm", a period)
        periodic=compile_(rf"\b{longest_first(v['periodic_words'])}\s+(?P<n>{num})\s*{every_unit}\b"
                          rf"(?!\s+{longest_first(v['year_spans'])}\s+{unit('year')})"),
        unspecified=compile_(rf"\b{longest_first(v['recurring_unspecified'])}\b"),
        month_day=compile_(rf"\b{unit('day')}\s+(?P<d>\d{{1,2}})\b(?!\s*(?:[/.-]\s*\d|{unit('month')}))"),
        ongoing=compile_(rf"\b{longest_first(v['ongoing'])}\b"),
        open_ended=compile_(rf"\b{longest_first(v['open_ended'])}\b"),
        opener=compile_(rf"\b{longest_first(v['conditional_openers'])}\b"),
        marker=compile_(rf"\b{longest_first(v['conditional_markers'])}\b"),
        relative=compile_(rf"\b{longest_first(v['relative_prepositions'])}\s+{num}\s*{longest_first(v['duration_units'])}\b"
                          rf"|\b{num}\s*{longest_first(v['duration_units'])}\s+{longest_first(v['relative_anchors'])}\b"),
        start=compile_(rf"\b{longest_first(v['start_markers'])}(?:\s+\w+)?\s*$"),
        grace=compile_(rf"\b{longest_first(v['grace_markers'])}(?:\s+\w+){{0,2}}\s*$"),
        alternative=compile_(rf"^\W*{longest_first(v['alternative_markers'])}\s*$"),
        clause_break=re.compile(r";|(?:^|\s)[-–•+]\s+(?!\d)"),
        gates={"every": gate(v["every_words"], units), "interval": gate(units, v["times_words"]),
               "times": gate(v["times_words"], units), "periodic": gate(v["periodic_words"], units),
               "unspecified": gate(v["recurring_unspecified"]), "ongoing": gate(v["ongoing"]),
               "opener": gate(v["conditional_openers"]), "marker": gate(v["conditional_markers"]),
               "relative": gate(v["duration_units"])},
    )


@dataclass(frozen=True)
class _Expr:
    """A dated expression: the last day it allows is (year, month, day or end of month)."""

    start: int
    end: int
    text: str
    level: str  # day, month, quarter, span, yearpart, year, thisyear
    exact: bool
    month: int
    day: int | None
    year: int | None
    start_marker: bool = False
    grace: bool = False
    alternative: bool = False

    def last_day(self, year: int) -> date:
        return date(year, self.month, self.day or calendar.monthrange(year, self.month)[1])


def _number(token: str) -> int:
    digits = re.match(r"\d+", token)
    return int(digits.group()) if digits else vocabulary()["number_words"][phrase_key(token)]


def _to_expr(level: str, m: re.Match[str]) -> _Expr | None:
    """The expression a match names, or None when it names no real day ("31/02")."""
    v, g = vocabulary(), m.groupdict()
    year = next((int(g[k]) for k in ("y", "y2", "y0") if g.get(k)), None)
    part = phrase_key(g.get("part") or "")
    if level == "day":
        month, day = int(g["m"]), int(g["d"])
    elif level == "month":
        month, day = int(g["m"]), v["month_parts"].get(part)
        day = None if day == "end" else day
    elif level == "quarter":
        q = phrase_key(g["q"])
        month, day = 3 * (int(q) if q.isdigit() else v["roman_numerals"][q]), None
    elif level == "span":
        first = v["year_spans"][phrase_key(g["side"])] == "first"
        month, day = (_number(g["n"]) if first else 12), None
    elif level == "yearpart":
        month, day = v["year_parts"][part], None
    else:
        month, day = 12, None
    try:
        date(2000 if year is None else year, month, day or 1)  # 2000: a leap year admits 29/02
    except ValueError:
        return None
    return _Expr(m.start(), m.end(), m.group(), level, level == "day", month, day, year)


def dated_expressions(masked: str, held: Held | None = None) -> list[_Expr]:
    """Non-overlapping dated expressions, leftmost and then longest first; ``held``: what
    ``masked`` holds, when the caller knows."""
    held = Held.of(masked) if held is None else held
    found = [(m.start(), -m.end(), level, m) for level, p, needs in patterns().dated if needs.opens(held)
             for m in p.finditer(masked)]
    exprs: list[_Expr] = []
    for start, _, level, m in sorted(found, key=lambda f: f[:2]):
        if exprs and start < exprs[-1].end:
            continue
        expr = _to_expr(level, m)
        if expr is not None:
            exprs.append(expr)
    return exprs


def _mark(masked: str, exprs: list[_Expr]) -> list[_Expr]:
    """Flag each expression by the words just before it: start, grace limit or alternative."""
    p, marked, prev_end = patterns(), [], 0
    for i, e in enumerate(exprs):
        tail = masked[max(prev_end, e.start - 40):e.start]
        flags = {"start_marker": bool(p.start.search(tail)), "grace": i > 0 and bool(p.grace.search(tail)),
                 "alternative": i > 0 and bool(p.alternative.search(masked[prev_end:e.start]))}
        marked.append(replace(e, **flags) if any(flags.values()) else e)  # unflagged as found
        prev_end = e.end
    return marked


def _resolve_years(exprs: list[_Expr], reference: date | None) -> list[tuple[_Expr, date]]:
    """Each expression with its last day. A missing year comes from the nearest following
    expression that names one, else the nearest preceding one (lists run in date order, so
    "tháng 12, tháng 01/2025" is December 2024), else from the document's date."""
    following: list[_Expr | None] = [None] * len(exprs)
    for i in range(len(exprs) - 2, -1, -1):
        nxt = exprs[i + 1]
        following[i] = nxt if nxt.year is not None else following[i + 1]
    resolved, preceding = [], None
    for e, nxt in zip(exprs, following):
        try:
            if e.year is not None:
                year = e.year
            elif nxt is not None:
                year = nxt.year - (e.last_day(nxt.year) > nxt.last_day(nxt.year))
            elif preceding is not None:
                year = preceding.year + (e.last_day(preceding.year) < preceding.last_day(preceding.year))
            elif reference is not None:
                year = reference.year
            else:
                continue
            resolved.append((e, e.last_day(year)))
        except ValueError:  # 29/02 outside a leap year, or past year 9999
            continue
        finally:
            preceding = e if e.year is not None else preceding
    return resolved


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0]
    for m in patterns().clause_break.finditer(text):
        cuts += [m.start(), m.end()]
    cuts.append(len(text))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


def _clause_of(pos: int, clauses: list[tuple[int, int]]) -> tuple[int, int]:
    return clauses[max(bisect_right(clauses, (pos, float("inf"))) - 1, 0)]


def _schedule(text: str, exprs: list[_Expr], reference: date | None
              ) -> tuple[date | None, tuple[Milestone, ...], bool]:
    """The due date, the milestones when the text names several, and whether the due date is
    an exact day (else a period: month, quarter, year)."""
    entries: list[tuple[_Expr, date]] = []
    exprs = [e for e in exprs if not e.start_marker]
    for e, due in _resolve_years(exprs, reference):
        if e.alternative and entries:
            prev, prev_due = entries.pop()
            e = replace(e, start=prev.start, text=text[prev.start:e.end], grace=prev.grace)
            due = max(due, prev_due)
        entries.append((e, due))
    if not entries:
        return None, (), any(e.exact for e in exprs[-1:])
    firm = [(d, e.exact) for e, d in entries if not e.grace] or [(d, e.exact) for e, d in entries]
    due, exact = max(firm)
    if len(entries) < 2:
        return due, (), exact
    clauses = _clauses(text)
    homes = [_clause_of(e.start, clauses) for e, _ in entries]
    shared = Counter(homes)
    milestones = tuple(Milestone(when, text[home[0]:home[1]].strip(" ,.") if shared[home] == 1 else e.text)
                       for (e, when), home in zip(entries, homes))
    return due, milestones, exact


def _recurrence(masked: str, held: Held, reference: date | None, exprs: list[_Expr]
                ) -> tuple[bool, Recurrence | None, list[_Expr], tuple[Milestone, ...]]:
    """Whether the text recurs, how, the dated expressions it leaves over, and the milestones
    of yearly dates ("15/7 và 15/11 hàng năm", "Tháng 6 và tháng 12 hằng năm") in the document's year."""
    p = patterns()
    units = vocabulary()["units"]
    rec, span = None, None
    if m := p.first("interval", masked, held):
        rec, span = _every(units[phrase_key(m["unit"])], _number(m["n"]), _number(m["k"] or "1")), m.span()
    elif m := p.first("times", masked, held):
        rec, span = _every(units[phrase_key(m["unit"])], 1, _number(m["k"])), m.span()
    elif m := p.first("periodic", masked, held):
        rec, span = _every(units[phrase_key(m["unit"])], _number(m["n"]), 1), m.span()
    elif m := p.first("every", masked, held):
        rec, span = Recurrence(_FREQUENCIES[units[phrase_key(m["unit"])]]), m.span()
        day = m["d"] or ((d := p.month_day.search(masked)) and d["d"])
        if day and rec.freq in ("monthly", "quarterly") and 1 <= int(day) <= 31:
            rec = replace(rec, day=int(day))
    if rec is None:
        return bool(p.first("unspecified", masked, held)), None, exprs, ()
    rest = [e for e in exprs if e.end <= span[0] or e.start >= span[1]]
    if rec.freq != "yearly":
        return True, rec, rest, ()
    # A yearless day, month or quarter of a yearly text is a date in every year ("Tháng 6 và
    # tháng 12 hằng năm" → 30/6, 31/12). February ends on the 28th in the yearly dates (a date
    # valid every year), on its real last day in the document year's milestone.
    yearly = [e for e in rest if e.level in _YEARLY_LEVELS and e.year is None]
    rec = replace(rec, dates=tuple(f"{e.month:02d}-{e.day or calendar.monthrange(_COMMON_YEAR, e.month)[1]:02d}"
                                   for e in yearly))
    milestones = []
    for e in yearly if reference else ():
        try:
            milestones.append(Milestone(e.last_day(reference.year), e.text))
        except ValueError:  # 29/02 outside a leap year
            continue
    return True, rec, [e for e in rest if e not in yearly], tuple(milestones)


def _every(unit: str, n: int, times: int) -> Recurrence:
    """Once every ``n`` units, ``times`` times: "06 tháng/01 lần" → monthly, interval 6;
    "02 lần/năm" → every 6 months. A count that does not divide keeps the unit."""
    if unit in _MONTHS_IN and times > 1 and (n * _MONTHS_IN[unit]) % times == 0:
        return Recurrence("monthly", interval=n * _MONTHS_IN[unit] // times)
    return Recurrence(_FREQUENCIES[unit], interval=max(n, 1))


def _condition(text: str, masked: str, held: Held, exprs: list[_Expr]) -> tuple[str | None, bool]:
    """The clause holding the first condition, and whether the text opens with it. A date
    after a comma of that clause is not part of it ("Sau khi có hướng dẫn, chậm nhất ngày 15/02").
    ``held``: what a text holds that has every word of ``masked``."""
    p = patterns()
    found = [m for m in (p.first("opener", masked, held), p.first("marker", masked, held)) if m]
    if not found:
        return None, False
    m = min(found, key=lambda f: f.start())
    end = _clause_of(m.start(), _clauses(masked))[1]
    dated = next((e.start for e in exprs if m.end() <= e.start < end), None)
    if dated is not None and (comma := masked.rfind(",", m.end(), dated)) >= 0:
        end = comma
    cond = text[m.start():end]
    close = cond.find(")")
    if close >= 0 and "(" not in cond[:close]:
        cond = cond[:close]
    return cond.strip(" ,.;") or None, not re.search(r"\w", masked[:m.start()])


def mask_legal_refs(text: str) -> str:
    """The text with legal reference numbers and their dates blanked out, offsets kept."""
    if DIGIT.search(text) is None:  # a reference number is digits
        return text
    return patterns().legal.sub(lambda m: "#" * len(m.group()), text)


def parse_deadline(text: str, reference: date | None = None) -> Deadline:
    """Read a deadline cell or phrase.

    ``reference`` is the document's date: it supplies a missing year ("Trong tháng 4",
    "6 tháng đầu năm") and places yearly dates ("15/7 và 15/11 hàng năm") in that year as
    milestones. ``text`` of the result is the input, NFC-normalised, whitespace collapsed.
    Text with no deadline meaning gives kind "none"; impossible dates ("31/02") are skipped.
    """
    if not isinstance(text, str):
        raise DataError(f"a deadline must be text, not {type(text).__name__}: {text!r}")
    if reference is not None and not isinstance(reference, date):
        raise DataError(f"the reference date must be a date, not {type(reference).__name__}: {reference!r}")
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    masked = mask_legal_refs(clean)
    p, held = patterns(), Held.of(masked)
    exprs = _mark(masked, dated_expressions(masked, held))
    recurs, rec, rest, rec_milestones = _recurrence(masked, held, reference, exprs)
    # "các năm tiếp theo" is no condition: ongoing phrases are hidden from the condition search.
    ongoing = p.first("ongoing", masked, held)
    without_ongoing = p.ongoing.sub(lambda m: "#" * len(m.group()), masked) if ongoing else masked
    condition, opens_with_condition = _condition(clean, without_ongoing, held, exprs)
    relative = p.first("relative", masked, held)
    if ongoing:
        due = None if p.open_ended.search(masked) else _schedule(clean, exprs, reference)[0]
        return Deadline(clean, "ongoing", due, condition=condition)
    if recurs:
        return Deadline(clean, "recurring", _schedule(clean, rest, reference)[0], rec, rec_milestones, condition)
    due, milestones, exact = _schedule(clean, exprs, reference)
    if opens_with_condition and due is None:
        return Deadline(clean, "conditional", milestones=milestones, condition=condition)
    if any(not e.start_marker for e in exprs):
        return Deadline(clean, "date" if exact else "period", due, milestones=milestones, condition=condition)
    if relative:
        clause = _clause_of(relative.start(), _clauses(masked))
        return Deadline(clean, "relative", condition=clean[clause[0]:clause[1]].strip(" ,.;()") or None)
    if condition:
        return Deadline(clean, "conditional", condition=condition)
    if exprs:
        return Deadline(clean, "ongoing")
    return Deadline(clean, "none")
