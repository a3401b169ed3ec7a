"""Targets (chỉ tiêu) in Vietnamese text: "đạt tối thiểu 98%" → ≥ 98 %.

The rules, with their vocabulary in ``data/targets.yaml``:

* A number is a target when it carries a unit ("%", "hồ sơ", "ngày làm việc", …) or
  follows a strong comparator word ("Tối thiểu 50", a KPI cell whose unit is in another
  column). A number touching "/" is never one: dates (15/02/2024), legal numbers
  (61/2018/NĐ-CP), scores and ranks (85,76/100 điểm, 9/63). Neither is a bare number
  ("Quý I", "Điều 13", item numbers).
* Numbers are written the Vietnamese way: "27,74" is 27.74, "719.569" is 719569. A dot
  decimal ("85.5%") is read only right before "%", where it cannot be a section number.
* The comparator comes from the words or signs before the number ("tối thiểu", "không quá",
  "trên", "dưới", "đạt", "≥", ">=", "<", …) or after it ("trở lên"); of several ("Tối thiểu đạt 50%")
  the first that is not "=" wins. With no comparator word the text states a value: "="
  ("100%", "Sở Tư pháp: 27,74%").
* "đạt"/"bằng" in a sentence that states a goal (phấn đấu, đảm bảo, phải, chỉ tiêu, …)
  means at least: "phấn đấu đạt tỷ lệ 96%" is ≥ 96. 100% stays "=": it cannot be exceeded.
* A comparator followed by ":" heads a list and applies up to the end of the sentence:
  "tăng tối thiểu: cấp tỉnh là 1.600 hồ sơ; vùng nông thôn 1.200 hồ sơ".
* "từ 80 đến dưới 90 điểm" is a range: two targets (≥ 80, < 90) sharing the unit and the
  phrase as their text.
* A duration in a deadline phrase ("trong 05 ngày làm việc kể từ …", "quá 01 ngày làm
  việc") is skipped: it is a time limit, which the deadline parser reads.
* Per-agency breakdowns: a label before ":" that starts with an agency word becomes the
  target's agency, as written ("Sở, ban, ngành tỉnh: tối thiểu 85%").

Markdown bold markers ("**98%**") are ignored; ``Target.text`` is the phrase without them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from ..errors import DataError, InputError
from ..models import COMPARATORS, Target
from ..datafile import load_mapping, require
from ..text.phrases import DIGIT, longest_first, phrase_key

DATA_FILE = "targets.yaml"
_check = partial(require, DATA_FILE)

_SP = r"[^\S\n]"  # whitespace that stays on the line
# How far back the words that qualify a number may start; keeps the scan linear.
_CMP_WINDOW = 80
_LABEL_WINDOW = 120
_GOAL_WINDOW = 300
_MAX_LABEL_WORDS = 12

_NUMBER = re.compile(r"(?<![\w/.,])[0-9]{1,15}(?:[.,][0-9]{1,15})*(?![\w/])")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_COMMA_DECIMAL = re.compile(r"[0-9]+(?:,[0-9]+)?")
_DOT_DECIMAL = re.compile(r"[0-9]+\.[0-9]{1,2}")
_SENTENCE_END = re.compile(r"[!?;\n|\t]|\.(?=\s|$)")
_LIST_END = re.compile(r"[!?\n|\t]|\.(?=\s|$)")
_LABEL_BOUNDARY = re.compile(r"[\n;()|\t:<>\[\]]|\.(?=\s)")
_LABEL_STRIP = " \t-–—•·+*,"


@dataclass(frozen=True)
class _Vocab:
    comparators: dict[str, str]      # casefolded phrase → comparator
    strong: frozenset[str]
    tails: frozenset[str]            # last characters a comparator can end with: letters aside, its signs and ":"
    units: dict[str, str]            # casefolded unit → unit as written in the data
    time_units: frozenset[str]
    heads: tuple[str, ...]
    cmp_before: re.Pattern[str]
    cmp_word: re.Pattern[str]
    list_head: re.Pattern[str]
    range_start: re.Pattern[str]
    range_join: re.Pattern[str]
    unit: re.Pattern[str]
    after_cmp: re.Pattern[str]
    after_comparators: dict[str, str]
    cue_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    goal: re.Pattern[str]
    no_target_marks: frozenset[str]


def _comparator_map(data: dict[str, Any], key: str) -> dict[str, str]:
    table = _check(data, key, dict)
    for phrase, comparator in table.items():
        if comparator not in COMPARATORS:
            raise DataError(f"{DATA_FILE}: comparator {comparator!r} of {phrase!r} is not one of {COMPARATORS}")
    return {phrase_key(p): c for p, c in table.items()}


def load_vocabulary() -> dict[str, Any]:
    """The raw contents of ``data/targets.yaml``."""
    return load_mapping(DATA_FILE)


@cache
def _vocab() -> _Vocab:
    data = load_vocabulary()
    groups = _check(data, "comparators", dict)
    strong = _comparator_map(groups, "strong")
    weak = _comparator_map(groups, "weak")
    after = _comparator_map(data, "after_comparators")
    fillers = _check(data, "fillers", list)
    rng = _check(data, "range", dict)
    units: dict[str, str] = {}
    time_units: set[str] = set()
    for entry in _check(data, "units", list):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise DataError(f"{DATA_FILE}: a unit must be {{name: …}}, found {entry!r}")
        units[phrase_key(entry["name"])] = entry["name"]
        if entry.get("time"):
            time_units.add(phrase_key(entry["name"]))
    cues = _check(data, "deadline_cues", dict)
    comparators = {**strong, **weak}
    cmp = longest_first(comparators)
    unit_words = longest_first(u for u in units if u != "%")
    per = longest_first(_check(data, "per_units", list))
    return _Vocab(
        comparators=comparators,
        strong=frozenset(strong),
        tails=frozenset(p[-1] for p in comparators if not p[-1].isalpha()) | {":"},
        units=units,
        time_units=frozenset(time_units),
        heads=tuple(sorted({phrase_key(h) for h in _check(data, "agency_heads", list)}, key=len, reverse=True)),
        cmp_before=re.compile(
            rf"(?<!\w)(?:{cmp})(?:\s+(?:{cmp}|{longest_first(fillers)}))*\s*:?\s*$", re.IGNORECASE),
        cmp_word=re.compile(rf"(?<!\w)(?:{cmp})(?!\w)", re.IGNORECASE),
        list_head=re.compile(rf"(?<!\w)({longest_first(strong)}){_SP}*:", re.IGNORECASE),
        range_start=re.compile(rf"(?<!\w)(?:{longest_first([_check(rng, 'start', str)])})\s+$", re.IGNORECASE),
        range_join=re.compile(
            rf"{_SP}+(?:{longest_first(_check(rng, 'joiners', list))}){_SP}+(?:({cmp}){_SP}+)?(?=[0-9])",
            re.IGNORECASE),
        unit=re.compile(
            rf"{_SP}{{0,3}}(?:\([^()\n]{{1,20}}\){_SP}{{0,3}})?(%|(?:{unit_words})(?!\w))"
            rf"(?:{_SP}{{0,2}}/{_SP}{{0,2}}(?:0?1{_SP}{{0,2}})?({per})(?!\w))?",
            re.IGNORECASE),
        after_cmp=re.compile(rf"{_SP}{{0,3}}({longest_first(after)})(?!\w)", re.IGNORECASE),
        after_comparators=after,
        cue_before=re.compile(
            rf"(?<!\w)(?:{longest_first(_check(cues, 'before', list))})\s*:?\s*$", re.IGNORECASE),
        cue_after=re.compile(rf"{_SP}{{0,3}}(?:{longest_first(_check(cues, 'after', list))})(?!\w)", re.IGNORECASE),
        goal=re.compile(rf"(?<!\w)(?:{longest_first(_check(data, 'goal_words', list))})(?!\w)", re.IGNORECASE),
        no_target_marks=frozenset(phrase_key(m) for m in _check(data, "no_target_marks", list)),
    )


def is_no_target(cell: str) -> bool:
    """Whether a Chỉ tiêu cell only marks that there is no target ("-", "x") or is blank."""
    return phrase_key(_clean(cell)) in _vocab().no_target_marks | {""}


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("*", "").replace("％", "%")


def _value(token: str, before_percent: bool) -> float | None:
    if _THOUSANDS.fullmatch(token):
        return float(token.replace(".", "").replace(",", "."))
    if _COMMA_DECIMAL.fullmatch(token):
        return float(token.replace(",", "."))
    if before_percent and _DOT_DECIMAL.fullmatch(token):
        return float(token)
    return None


@dataclass(frozen=True)
class _Quantity:
    start: int              # where the qualifying words begin (or the number)
    end: int                # after the unit and any "trở lên"
    value: float
    unit: str | None
    words: tuple[str, ...]  # comparator words before the number, casefolded
    after: str | None       # comparator from "trở lên" / "trở xuống"
    opens_range: bool       # "từ" right before the number
    in_deadline: bool


class _Scanner:
    """One pass over the cleaned text, left to right; ``last_end`` is where the previous
    target ended, so a target never borrows the words of the one before it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.v = _vocab()
        self._heads: list[tuple[int, str]] | None = None  # the list heads, found when a number first asks
        self.head_index = 0
        self.list_end = -1
        self.list_cmp: str | None = None
        self.last_end = 0

    def targets(self) -> Iterator[Target]:
        pos = 0
        # From the next digit on: _NUMBER opens with a lookbehind, so re tries it at every position.
        while (digit := DIGIT.search(self.text, pos)) and (match := _NUMBER.search(self.text, digit.start())):
            pos = match.end()
            q = self.quantity(match, self.last_end)
            if q is not None:
                yield from self.emit(q, match.start())
                pos = max(pos, self.last_end)

    def quantity(self, match: re.Match[str], floor: int) -> _Quantity | None:
        text, v = self.text, self.v
        start, number_end = match.start(), match.end()
        unit_match = v.unit.match(text, number_end)
        unit_text = unit_match.group(1) if unit_match else None
        value = _value(match.group(), unit_text == "%")
        if value is None:
            return None
        end, unit = number_end, None
        if unit_match:
            end = unit_match.end()
            unit = "%" if unit_text == "%" else v.units[phrase_key(unit_text)]
            if unit_match.group(2):
                unit = f"{unit}/{phrase_key(unit_match.group(2))}"
        after = None
        if after_match := v.after_cmp.match(text, end):
            after, end = v.after_comparators[phrase_key(after_match.group(1))], after_match.end()
        lo = max(floor, start - _CMP_WINDOW)
        before = text[lo:start]
        tail = before.rstrip()[-1:]
        if not (tail.isalpha() or tail in v.tails):
            before = ""  # no word or sign can qualify the number: spare the searches
        opener = v.range_start.search(before)
        if opener:
            start, before = lo + opener.start(), before[:opener.start()]
        words: tuple[str, ...] = ()
        if cmp_match := v.cmp_before.search(before):
            words = tuple(phrase_key(w.group()) for w in v.cmp_word.finditer(cmp_match.group()))
            start = lo + cmp_match.start()
        in_deadline = bool(
            unit_match and not unit_match.group(2) and phrase_key(unit_text) in v.time_units
            and (v.cue_before.search(text[max(0, start - _CMP_WINDOW):start]) or v.cue_after.match(text, end)))
        return _Quantity(start, end, value, unit, words, after, bool(opener), in_deadline)

    def emit(self, q: _Quantity, number_start: int) -> Iterator[Target]:
        text = self.text
        upper = self.range_upper(q)
        if upper is not None:
            second, upper_cmp = upper
            lower_cmp = self.comparator(q, number_start)
            phrase = " ".join(text[q.start:second.end].split())
            unit, agency = q.unit or second.unit, self.agency(q.start)
            self.last_end = second.end
            yield Target(phrase, q.value, unit, lower_cmp if lower_cmp not in (None, "=") else "≥", agency)
            yield Target(phrase, second.value, unit, upper_cmp, agency)
            return
        if q.in_deadline:
            return
        strong = any(w in self.v.strong for w in q.words)
        if q.unit is None and not (strong or q.after):
            return
        comparator = self.comparator(q, number_start)
        agency = self.agency(q.start)
        self.last_end = q.end
        yield Target(" ".join(text[q.start:q.end].split()), q.value, q.unit, comparator or "=", agency)

    def range_upper(self, q: _Quantity) -> tuple[_Quantity, str] | None:
        """The upper end of "từ X đến [dưới] Y", and its comparator ("≤" unless written)."""
        if not q.opens_range or q.after:
            return None
        join = self.v.range_join.match(self.text, q.end)
        second_match = _NUMBER.match(self.text, join.end()) if join else None
        second = self.quantity(second_match, join.end()) if second_match else None
        if second is None:
            return None
        return second, self.v.comparators[phrase_key(join.group(1))] if join.group(1) else "≤"

    def comparator(self, q: _Quantity, pos: int) -> str | None:
        """The comparator the words give, or None when they say nothing."""
        if q.after:
            return q.after
        found = [self.v.comparators[w] for w in q.words]
        if explicit := next((c for c in found if c != "="), None):
            return explicit
        if found:
            whole = q.value == 100 and q.unit == "%"
            return "≥" if not whole and self.in_goal(q.start) else "="
        return self.list_comparator(pos)

    @property
    def heads(self) -> list[tuple[int, str]]:
        if self._heads is None:  # a list head ends with ":" ("tăng tối thiểu: cấp tỉnh …")
            self._heads = [(m.end(), self.v.comparators[phrase_key(m.group(1))])
                           for m in (self.v.list_head.finditer(self.text) if ":" in self.text else ())]
        return self._heads

    def list_comparator(self, pos: int) -> str | None:
        while self.head_index < len(self.heads) and self.heads[self.head_index][0] <= pos:
            head_end, self.list_cmp = self.heads[self.head_index]
            self.head_index += 1
            stop = _LIST_END.search(self.text, head_end)
            self.list_end = stop.start() if stop else len(self.text)
        return self.list_cmp if pos < self.list_end else None

    def in_goal(self, pos: int) -> bool:
        window = self.text[max(0, pos - _GOAL_WINDOW):pos]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        return bool(self.v.goal.search(window, ends[-1] if ends else 0))

    def agency(self, pos: int) -> str | None:
        """The agency label just before ``pos`` ("Sở Tư pháp: 27,74%"), as written."""
        before = self.text[max(self.last_end, pos - _LABEL_WINDOW):pos].rstrip()
        if not before.endswith(":"):
            return None
        before = before[:-1]
        bounds = [m.end() for m in _LABEL_BOUNDARY.finditer(before)]
        label = " ".join(before[bounds[-1] if bounds else 0:].split()).strip(_LABEL_STRIP).strip()
        if not label or len(label.split()) > _MAX_LABEL_WORDS or any(ch.isdigit() for ch in label):
            return None
        folded = label.casefold()
        for head in self.v.heads:
            if folded.startswith(head) and (len(folded) == len(head) or not folded[len(head)].isalnum()):
                return label
        return None


def find_targets(text: str) -> tuple[Target, ...]:
    """Every target in ``text``, in order of appearance; ``()`` when there is none.

    >>> find_targets("Hồ sơ giải quyết đúng hạn đạt tối thiểu 98%")[0].comparator
    '≥'
    """
    if not isinstance(text, str):
        raise InputError(f"find_targets expects text, got {type(text).__name__}: {text!r:.80}")
    clean = _clean(text)
    if DIGIT.search(clean) is None:  # a target is a number: most cells of a table have none
        return ()
    return tuple(_Scanner(clean).targets())
