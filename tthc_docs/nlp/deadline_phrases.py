"""Deadline phrases in running prose: the expressions :func:`parse_deadline` reads in a
cell, found inside sentences, where a date counts only after a cue ("trước ngày", "trong",
"chậm nhất"; the ``phrase_*`` lists of ``data/deadlines.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import DataError
from ..text.phrases import longest_first
from .deadlines import Gate, Held, dated_expressions, gate, mask_legal_refs, parse_deadline, patterns, vocabulary


_WINDOW = 60   # how far before a phrase its cue and lead may start
_GAP = 40      # the longest text that joins two dates of one phrase
_CLAUSE = 150  # how far a condition or a counted duration is read to the end of its clause


@dataclass(frozen=True)
class DeadlinePhrase:
    """A deadline phrase found in running prose; ``text`` is ``source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _PhrasePatterns:
    before: re.Pattern[str]      # [lead] [cue | start marker] [":"] [fillers], ending where a phrase starts
    cue_inside: re.Pattern[str]  # a dated expression that opens with its own cue ("trong năm")
    gap: re.Pattern[str]         # what may join two pieces of one phrase
    more_units: re.Pattern[str]  # ", quý" after "hằng tháng"
    condition: re.Pattern[str]
    condition_gate: Gate
    anchor: re.Pattern[str]      # "kể từ" after a counted duration
    clause: re.Pattern[str]
    handling: re.Pattern[str]    # the dossier a rule's time limit is about
    completion: re.Pattern[str]  # the task itself is completed by then


@cache
def _phrase_patterns() -> _PhrasePatterns:
    v = vocabulary()
    sp, cue, fillers = r"[^\S\n]", longest_first(v["phrase_cues"]), longest_first(v["phrase_fillers"])

    def compile_(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    return _PhrasePatterns(
        before=compile_(rf"(?<!\w)(?:(?P<lead>{longest_first(v['phrase_leads'])}){sp}+)?"
                        rf"(?:(?:(?P<cue>{cue}(?:{sp}+{cue})?)|(?P<start>{longest_first(v['start_markers'])}))"
                        rf"(?P<label>{sp}*:)?)?"
                        rf"(?:{sp}*{fillers})*{sp}*$"),
        cue_inside=compile_(rf"{cue}(?!\w)"),
        gap=compile_(rf"{sp}*(?P<joiner>{longest_first(v['phrase_joiners'])}{sp}*)?(?:{cue}{sp}*)?(?:{fillers}{sp}*)*"),
        more_units=compile_(rf"(?:(?:{sp}*,{sp}*|{sp}+(?:và|hoặc){sp}+){longest_first(v['units'])}(?!\w)(?!{sp}*[\d/]))*"),
        condition=compile_(rf"(?<!\w){longest_first(v['phrase_conditions'])}(?!\w)"),
        condition_gate=gate(v["phrase_conditions"]),
        anchor=compile_(rf"{sp}*,?{sp}*{longest_first(v['relative_anchors'])}(?!\w)"),
        clause=re.compile(rf"(?:[^,;:!?()\[\]\n.]|\.(?=\S)){{0,{_CLAUSE}}}"),
        handling=compile_(rf"(?<!\w){longest_first(v['handling_words'])}(?!\w)"),
        completion=compile_(rf"(?<!\w){longest_first(v['completion_words'])}(?!\w)"),
    )


@dataclass(frozen=True)
class _Segment:
    """A piece of a phrase. ``dated``: a date or period, which may chain with the next one
    ("Quý I, Quý II năm 2025"); ``anchored``: a deadline on its own (a cued date, a recurrence,
    a condition, …), else one only inside an anchored phrase; ``open``: ongoing with no end
    ("các năm tiếp theo"), which may follow a date after a joiner."""

    start: int
    end: int
    dated: bool
    anchored: bool
    open: bool = False


def _clause_end(masked: str, pos: int) -> int:
    end = _phrase_patterns().clause.match(masked, pos).end()
    if end - pos == _CLAUSE:  # cut short: end on a whole word
        end = max(masked.rfind(" ", pos, end), pos)
    return end


def _segments(masked: str) -> list[_Segment]:
    p, q, held = patterns(), _phrase_patterns(), Held.of(masked)
    found, prev_end = [], 0
    for e in dated_expressions(masked, held):
        cue = q.before.search(masked, max(prev_end, e.start - _WINDOW), e.start)
        cued = bool(cue and cue["cue"]) or bool(q.cue_inside.match(masked, e.start))
        found.append(_Segment(e.start, e.end, True, cued))
        prev_end = e.end
    for name in ("interval", "times", "periodic", "every"):
        for m in p.found(name, masked, held):
            found.append(_Segment(m.start(), q.more_units.match(masked, m.end()).end(), False, True))
    for m in (*p.found("unspecified", masked, held), *p.found("marker", masked, held)):
        found.append(_Segment(m.start(), m.end(), False, True))
    for m in p.found("ongoing", masked, held):
        found.append(_Segment(m.start(), m.end(), False, True, bool(p.open_ended.fullmatch(m.group()))))
    for m in q.condition.finditer(masked) if q.condition_gate.opens(held) else ():
        found.append(_Segment(m.start(), _clause_end(masked, m.end()), False, True))
    for m in p.found("relative", masked, held):
        # "… kể từ ngày ký quyết định": a duration counted from an event runs to the end of its clause
        follows = q.anchor.match(masked, m.end())
        counted_from = follows.end() if follows else (m.end() if q.anchor.search(m.group()) else None)
        end = m.end() if counted_from is None else _clause_end(masked, counted_from)
        found.append(_Segment(m.start(), end, False, True))
    merged: list[_Segment] = []
    for seg in sorted(found, key=lambda f: (f.start, -f.end)):
        if merged and seg.start < merged[-1].end:  # overlapping pieces are one
            last = merged[-1]
            seg = _Segment(last.start, max(last.end, seg.end), last.dated and seg.dated,
                           last.anchored or seg.anchored, last.open or seg.open)
            merged.pop()
        merged.append(seg)
    return merged


def _joined(masked: str, prev: _Segment, seg: _Segment) -> bool:
    """Whether ``seg`` goes on the phrase ``prev`` ends: a cue or spaces between them
    ("Thường xuyên trong năm 2024"), or a joiner between two dates ("Quý I, Quý II năm 2025")
    or between a date and an open end ("năm 2021 và các năm tiếp theo")."""
    gap = masked[prev.end:seg.start]
    m = _phrase_patterns().gap.fullmatch(gap) if len(gap) <= _GAP and "\n" not in gap else None
    return bool(m) and (not m["joiner"] or (prev.dated and (seg.dated or seg.open)))


def find_deadline_phrases(text: str) -> tuple[DeadlinePhrase, ...]:
    """The deadline phrases of running prose, in order, as :func:`parse_deadline` reads them.

    A phrase is built from the vocabulary the cells are read with: a date or period after a
    cue ("hoàn thành trước ngày 30/11/2024", "trong Quý I/2025", "trước ngày 15/6"), a
    recurrence ("định kỳ hằng tháng, quý", "Tháng 6 và tháng 12 hằng năm"), ongoing work
    ("thường xuyên"), a condition or a counted duration to the end of its clause ("theo yêu
    cầu của …", "trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký …"). Dates without a cue
    ("Theo thống kê ngày 09/5/2024") and those of legal references ("Nghị định số
    61/2018/NĐ-CP ngày 23/4/2018") are none. Every phrase parses to a kind other than "none".
    ``text`` is expected in the readers' canonical (NFC) form; offsets index it.
    """
    if not isinstance(text, str):
        raise DataError(f"deadline phrases are found in text, not {type(text).__name__}: {text!r:.80}")
    masked, q = mask_legal_refs(text), _phrase_patterns()
    groups: list[list[_Segment]] = []
    for seg in _segments(masked):
        if groups and _joined(masked, groups[-1][-1], seg):
            groups[-1].append(seg)
        else:
            groups.append([seg])
    phrases, prev_end = [], 0
    for group in groups:
        start, end = group[0].start, group[-1].end
        lead = q.before.search(masked, max(prev_end, start - _WINDOW), start)
        prev_end = end
        ranged = bool(lead and lead["start"]) and sum(s.dated for s in group) > 1  # "từ tháng 3 đến tháng 6"
        if not (ranged or any(s.anchored for s in group)):
            continue
        if lead:  # a cue with a colon is a label ("Thời hạn: Quý III/2024"), kept out of the phrase
            start = lead.end("label") if lead["label"] else lead.start()
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end -= len(text[start:end]) - len(text[start:end].rstrip(" ,;"))
        kind = parse_deadline(text[start:end]).kind
        labelled = bool(lead and lead["label"])  # "Thời hạn: …" says the task is due then
        if kind != "none" and not (kind == "relative" and not labelled and _handling_limit(masked, start, end)):
            phrases.append(DeadlinePhrase(text[start:end], start, end))
    return tuple(phrases)


_SENTENCE_BREAK = re.compile(r"[.;:!?\n](?=\s|$)")


def _handling_limit(masked: str, start: int, end: int) -> bool:
    """Whether a counted duration is a rule's time limit for handling each dossier ("giải quyết
    hồ sơ không quá 08 giờ làm việc kể từ khi nhận đủ hồ sơ") rather than when the task is due:
    its sentence names the dossier and does not say the task is completed then."""
    q = _phrase_patterns()
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(masked, 0, start)]
    before = masked[breaks[-1] if breaks else 0:start]
    return bool(q.handling.search(before + " " + masked[start:end])) and not q.completion.search(before)
