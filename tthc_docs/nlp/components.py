"""The spaCy parts of the Vietnamese pipeline: a syllable tokenizer, and the components
that mark agencies, deadlines, targets and legal references as entities with typed values
in Span extensions.

Matching apart from annotating: what counts as an agency comes from the gazetteer
patterns (``agencies.agency_patterns``), what counts as a deadline, target or legal
reference from the parsers of this package; the components here only place what those
report onto the Doc. This module imports spaCy, so it is imported only by
:func:`tthc_docs.nlp.pipeline.load_pipeline` and ``add_components`` (or by spaCy, through
the package's entry points, when ``spacy.load`` reads a saved pipeline), never at
package import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.attrs import LOWER
from spacy.lang.char_classes import ALPHA, ALPHA_UPPER, HYPHENS
from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from spacy.lang.vi import Vietnamese
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import (compile_infix_regex, compile_prefix_regex, compile_suffix_regex, filter_spans,
                        load_config_from_str, registry)
from spacy.vocab import Vocab

from ..models import Deadline, LegalRef
from .agencies import canonical_agency, split_agencies
from .agency_patterns import agency_patterns
from .deadline_phrases import find_deadline_phrases
from .deadlines import parse_deadline
from .refs import find_legal_refs
from .targets import find_targets

# label -> the Span extension holding its value
EXTENSIONS = {"AGENCY": "agency", "DEADLINE": "deadline", "TARGET": "target", "LEGAL_REF": "legal_ref"}
# The document's date, which supplies the year a deadline leaves out ("Trong tháng 4").
REFERENCE = "reference"
# What a cell holds: "agencies" and "deadline" are read whole by that kind's component (a
# deadline cell also holds the legal references it cites), "text" (a task's content,
# product, notes) holds only targets and legal references; None: prose.
CELL = "cell"
# Span extensions beside the values: an agency cell's AgencyMention, every target a phrase
# states (both bounds of a range); Doc extension: the parts of an agency cell naming no agency.
MENTION, TARGETS, NOT_AGENCIES = "mention", "targets", "not_agencies"

_TEXT_KEY = "tthc_docs.text"
# ``reference`` and ``cell`` are kept under keys of their own in ``doc.user_data``: every
# component asks for them, and a dict read costs a tenth of a ``doc._`` lookup.
_SETTINGS = {REFERENCE: "tthc_docs.reference", CELL: "tthc_docs.cell"}


def _setting(doc: Doc, name: str) -> Any:
    """``doc._.reference`` or ``doc._.cell``, read from where they are kept."""
    return doc.user_data.get(_SETTINGS[name])


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy joins every token anew on each read, and a Doc's
    text never changes (retokenizing keeps it)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Remember the text a Doc was made of, so that :func:`doc_text` need not join it."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def register_extensions() -> None:
    """The Span extensions ``agency``, ``deadline``, ``target``, ``legal_ref``, ``mention``,
    ``targets`` and the Doc extensions ``reference``, ``cell``, ``not_agencies``;
    registering again is a no-op."""
    for attribute in (*EXTENSIONS.values(), MENTION):
        if not Span.has_extension(attribute):
            Span.set_extension(attribute, default=None)
    if not Span.has_extension(TARGETS):
        Span.set_extension(TARGETS, default=())
    for attribute, key in _SETTINGS.items():
        if not Doc.has_extension(attribute):
            Doc.set_extension(attribute, getter=lambda doc, key=key: doc.user_data.get(key),
                              setter=lambda doc, value, key=key: doc.user_data.__setitem__(key, value))
    if not Doc.has_extension(NOT_AGENCIES):
        Doc.set_extension(NOT_AGENCIES, default=())


# ------------------------------------------------------------------ tokenizer

def _replaced(rules: list[str], old: list[str], new: str) -> list[str]:
    """``rules`` with the run ``old`` replaced by ``new``; unchanged if a spaCy version
    words its rules otherwise (the tokens are then still spaCy's)."""
    for start in range(len(rules) - len(old) + 1):
        if rules[start:start + len(old)] == old:
            return [*rules[:start], new, *rules[start + len(old):]]
    return rules


# spaCy's language-independent affix rules, with the same matches written so that its
# large letter classes, whose compilation is most of the cost of building the tokenizer,
# occur fewer times. Between letters (a digit also before ":<>=/"), spaCy's three infixes
# become one with shared lookarounds (ALPHA has no digit, so after a letter or a digit
# "not after a digit" is "after a letter"); two capitals before a full stop are one
# class taken twice.
_SUFFIXES = _replaced(list(TOKENIZER_SUFFIXES), [r"(?<=[{au}][{au}])\.".format(au=ALPHA_UPPER)],
                      r"(?<=[{au}]{{2}})\.".format(au=ALPHA_UPPER))
_INFIXES = _replaced(list(TOKENIZER_INFIXES),
                     [r"(?<=[{a}]),(?=[{a}])".format(a=ALPHA),
                      r"(?<=[{a}])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS),
                      r"(?<=[{a}0-9])[:<>=/](?=[{a}])".format(a=ALPHA)],
                     r"(?<=[{a}0-9])(?:(?<![0-9])(?:,|{h})|[:<>=/])(?=[{a}])".format(a=ALPHA, h=HYPHENS))


def syllable_tokenizer(vocab: Vocab) -> Tokenizer:
    """Whitespace-separated syllables with punctuation split off by spaCy's
    language-independent rules ("(Trung tâm PVHCC)" → "(", "Trung", "tâm", "PVHCC", ")").
    Written Vietnamese separates every syllable by a space, so this is the finest cut a
    word segmenter would refine; the entities need no finer and no coarser one."""
    return Tokenizer(vocab, prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
                     suffix_search=compile_suffix_regex(_SUFFIXES).search,
                     infix_finditer=compile_infix_regex(_INFIXES).finditer)


# The name spaCy's config gives the tokenizer ([nlp.tokenizer] @tokenizers = …).
TOKENIZER = "tthc_docs.SyllableTokenizer.v1"


@registry.tokenizers(TOKENIZER)
def create_syllable_tokenizer() -> Callable[[Language], Tokenizer]:
    return lambda nlp: syllable_tokenizer(nlp.vocab)


class SyllableVietnamese(Vietnamese):
    """spaCy's Vietnamese, whose config names the tokenizer it is built with: the syllable
    tokenizer (spaCy's own config names pyvi's word segmenter, which this replaces), so
    that ``nlp.config`` describes the pipeline and ``nlp.to_disk`` / ``spacy.load`` give
    it back."""

    class Defaults(Vietnamese.Defaults):
        config = load_config_from_str(f'[nlp]\n\n[nlp.tokenizer]\n@tokenizers = "{TOKENIZER}"\n')


# ------------------------------------------------------------------ annotators

def _fits_syllables(pattern: list[dict[str, Any]]) -> bool:
    """Whether a token pattern can match syllables: one that requires a word of several
    syllables ("chi cục", written for a word tokenizer) never can, and would only cost
    the matcher time."""
    for token in pattern:
        lower = token.get("LOWER")
        options = [lower] if isinstance(lower, str) else lower.get("IN") if isinstance(lower, dict) else None
        if options and token.get("OP") not in ("?", "*") and all(" " in option for option in options):
            return False
    return True


def _first_words(pattern: list[dict[str, Any]]) -> list[str]:
    """The lower-case words a token pattern can start with (its first token's ``LOWER``)."""
    lower = pattern[0].get("LOWER")
    return [lower] if isinstance(lower, str) else list(lower.get("IN", ())) if isinstance(lower, dict) else []


class AgencyRuler:
    """AGENCY entities from the gazetteer patterns.

    Phrase patterns (with the canonical name as id) are matched on lower-case tokens;
    token patterns find names by their shape ("Sở …", "Trung tâm …") and never override
    a phrase match they overlap. ``span._.agency`` is the canonical name (for a shape
    match, as ``canonical_agency`` resolves it), or None for a name the gazetteer does
    not know.

    Both match on the Doc's own tokens, syllables: a word segmenter would group the
    syllables of a name by context ("Ủy ban nhân dân" in a sentence, "Ủy | ban nhân dân"
    alone), so a phrase pattern segmented on its own would miss many mentions."""

    def __init__(self, nlp: Language, patterns: Iterable[dict[str, Any]]) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        self.labels: dict[str, str] = {}
        wordings: dict[str, list[str]] = {}
        shapes = []
        for pattern in patterns:
            if isinstance(pattern["pattern"], str):
                name = pattern.get("id") or pattern["pattern"]
                self.labels[name] = pattern["label"]
                wordings.setdefault(name, []).append(pattern["pattern"])
            elif _fits_syllables(pattern["pattern"]):
                self.tokens.add(pattern["label"], [pattern["pattern"]])
                shapes.append(pattern["pattern"])
        for name, texts in wordings.items():
            self.phrases.add(name, list(nlp.tokenizer.pipe(texts)))
        # A shape pattern starts with a head word: the Matcher runs only on windows opening
        # with one, a few in a text, rather than trying every pattern at every token.
        heads = [_first_words(p) for p in shapes]
        self.heads = ({nlp.vocab.strings.add(word) for words in heads for word in words}
                      if all(heads) else None)
        self.window = max((len(p) for p in shapes), default=0)

    def _shapes(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.heads is None:
            return self.tokens(doc)
        found = []
        for i, lower in enumerate(doc.to_array(LOWER).tolist()):
            if lower in self.heads:
                found += [(m, i + s, i + e) for m, s, e in self.tokens(doc[i:i + self.window]) if s == 0]
        return found

    def __call__(self, doc: Doc) -> Doc:
        cell = _setting(doc, CELL)
        if cell is not None:
            return _agency_cell(doc) if cell == "agencies" else doc
        strings = doc.vocab.strings
        names = {(s, e): strings[m] for m, s, e in self.phrases(doc)}
        known = filter_spans([Span(doc, s, e, label=self.labels[name]) for (s, e), name in names.items()])
        taken = {i for span in known for i in range(span.start, span.end)}
        unknown = filter_spans([Span(doc, s, e, label=strings[m]) for m, s, e in self._shapes(doc)
                                if not taken.intersection(range(s, e))])
        # A name the patterns only know by its shape may still be a wording of a known
        # one that the gazetteer's folding recognises ("Sở Thông tin truyền thông").
        found = [(span, names[span.start, span.end]) for span in known]
        found += [(span, canonical_agency(span.text)) for span in unknown]
        return _add_entities(doc, "AGENCY", found)


def _agency_cell(doc: Doc) -> Doc:
    """An agency cell, read by ``split_agencies``: lists, shared heads ("UBND cấp huyện,
    xã"), parentheses, near-misses and unknown names as the cell reader knows them."""
    split = split_agencies(doc_text(doc))
    found = []
    for mention in split.agencies:
        span = doc.char_span(mention.start, mention.end, label="AGENCY", alignment_mode="expand")
        if span is not None:
            span._.set(MENTION, mention)
            found.append((span, mention.name if mention.known else None))
    doc._.set(NOT_AGENCIES, split.references)
    return _add_entities(doc, "AGENCY", found)


Found = Iterator[tuple[int, int, Any]]


class SpanAnnotator:
    """Entities labelled ``label`` at the (start, end, value) character spans a finder
    reports on the Doc's text, the value in ``span._.<extension>``. A span is widened to
    the tokens it touches. ``finders`` gives the finder by what the Doc holds (``None``:
    prose; or a kind of cell); a Doc of a kind without a finder gets none of these
    entities."""

    def __init__(self, label: str, finders: dict[str | None, Callable[[Doc], Found]]) -> None:
        self.label = label
        self.finders = finders

    def __call__(self, doc: Doc) -> Doc:
        return _add_entities(doc, self.label, self.found(doc))

    def found(self, doc: Doc) -> list[tuple[Span, Any]]:
        """The spans the finder reports, each with its value."""
        find = self.finders.get(_setting(doc, CELL))
        if find is None:
            return []
        return [(span, value) for start, end, value in find(doc)
                if (span := doc.char_span(start, end, label=self.label, alignment_mode="expand")) is not None]


class TargetAnnotator(SpanAnnotator):
    """TARGET entities: the finder's value is every target of the phrase; ``span._.target``
    holds the first, ``span._.targets`` all."""

    def __call__(self, doc: Doc) -> Doc:
        found = self.found(doc)
        for span, targets in found:
            span._.set(TARGETS, targets)
        return _add_entities(doc, self.label, [(span, targets[0]) for span, targets in found])


def _add_entities(doc: Doc, label: str, found: list[tuple[Span, Any]]) -> Doc:
    """Every span, with its value, into the group ``doc.spans[label]`` (made only when there
    is one); into ``doc.ents`` the longest of overlapping entities (the earlier on a tie),
    so a legal reference "… của Chính phủ" keeps its issuer."""
    if not found:
        return doc
    extension = EXTENSIONS[label]
    for span, value in found:
        span._.set(extension, value)
    doc.spans[label] = [span for span, _ in found]
    doc.ents = filter_spans([*doc.ents, *(span for span, _ in found)])
    return doc


@lru_cache(maxsize=1024)
def _loose(phrase: str) -> re.Pattern[str]:
    # The parsers report a phrase NFC-normalised, whitespace collapsed, Markdown "*" and
    # the full-width "％" removed: find it in the text as written.
    parts = [r"[\s*]+" if char == " " else ("[%％]" if char == "%" else re.escape(char)) for char in phrase]
    return re.compile(r"\**".join(parts))


def _locate(text: str, phrase: str, pos: int) -> tuple[int, int] | None:
    start = text.find(phrase, pos)
    if start >= 0:
        return start, start + len(phrase)
    match = _loose(phrase).search(text, pos)
    return match.span() if match else None


def find_deadlines(doc: Doc) -> Found:
    """Deadline phrases of the prose ("trước ngày 30/11/2024"), parsed with the document's
    date (``doc._.reference``) for a missing year; phrases of kind "none" are left out."""
    text = doc_text(doc)
    for phrase in find_deadline_phrases(text):
        deadline: Deadline = parse_deadline(phrase.text, _setting(doc, REFERENCE))
        if deadline.kind != "none":
            yield phrase.start, phrase.end, deadline


def whole_deadline(doc: Doc) -> Found:
    """A deadline cell, parsed whole (any kind, "none" included: the cell is the deadline)."""
    text = doc_text(doc)
    stripped = text.strip()
    if stripped:
        start = text.index(stripped)
        yield start, start + len(stripped), parse_deadline(text, _setting(doc, REFERENCE))


def find_target_spans(doc: Doc) -> Found:
    """Targets ("đạt tối thiểu 98%"). The two bounds of a range ("từ 80 đến dưới 90
    điểm") share one phrase and so one entity: ``span._.target`` is the lower bound,
    ``span._.targets`` both."""
    text, pos = doc_text(doc), 0
    phrases: list[list] = []  # [start, end, targets]
    for target in find_targets(text):
        if phrases and target.text == phrases[-1][2][-1].text:
            phrases[-1][2].append(target)
            continue
        located = _locate(text, target.text, pos)
        if located is None:
            continue
        pos = located[1]
        phrases.append([located[0], located[1], [target]])
    for start, end, targets in phrases:
        yield start, end, tuple(targets)


def find_legal_ref_spans(doc: Doc) -> Found:
    """Legal references ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ")."""
    ref: LegalRef
    for ref in find_legal_refs(doc_text(doc)):
        if ref.start is not None and ref.end is not None:
            yield ref.start, ref.end, ref


@Language.factory("tthc_agencies")
def make_agency_ruler(nlp: Language, name: str) -> AgencyRuler:
    register_extensions()  # made from a config too (spacy.load), not only by add_components
    return AgencyRuler(nlp, agency_patterns())


@Language.factory("tthc_legal_refs")
def make_legal_refs(nlp: Language, name: str) -> SpanAnnotator:
    register_extensions()
    return SpanAnnotator("LEGAL_REF", {None: find_legal_ref_spans, "text": find_legal_ref_spans,
                                       "deadline": find_legal_ref_spans})


@Language.factory("tthc_deadlines")
def make_deadlines(nlp: Language, name: str) -> SpanAnnotator:
    register_extensions()
    return SpanAnnotator("DEADLINE", {None: find_deadlines, "deadline": whole_deadline})


@Language.factory("tthc_targets")
def make_targets(nlp: Language, name: str) -> TargetAnnotator:
    register_extensions()
    return TargetAnnotator("TARGET", {None: find_target_spans, "text": find_target_spans})
