"""The Vietnamese spaCy pipeline: syllables, then entities.

``load_pipeline()`` builds, once and on first use, a blank Vietnamese spaCy pipeline
whose tokenizer is spaCy's rule-based one cutting syllables (no word segmentation: the
measurements are in docs/tokenizer.md), followed by four components:

=============== ========== =====================================================
component       label      ``span._`` value
=============== ========== =====================================================
tthc_agencies   AGENCY     ``agency``: canonical name, None when not in the gazetteer
tthc_legal_refs LEGAL_REF  ``legal_ref``: :class:`~tthc_docs.models.LegalRef`
tthc_deadlines  DEADLINE   ``deadline``: :class:`~tthc_docs.models.Deadline`
tthc_targets    TARGET     ``target``: :class:`~tthc_docs.models.Target`
=============== ========== =====================================================

Of overlapping entities the longest stays in ``doc.ents``; every entity a component
finds, overlapping or not, is also in the span group ``doc.spans[label]`` (a target range
"từ 80 đến dưới 90 điểm" is one span, both bounds in ``span._.targets``). ``annotate`` gives the
entities as plain frozen dataclasses, for callers that want no spaCy objects.

A **cell** is read whole by the component of its kind (``Doc._.cell``): an agency cell
("Sở Tư pháp, Sở Nội vụ và UBND các huyện") by ``split_agencies`` — each agency an AGENCY
span with its :class:`~tthc_docs.nlp.agencies.AgencyMention` in ``span._.mention``, the
parts naming no agency in ``doc._.not_agencies`` —, a deadline cell by ``parse_deadline``
as one DEADLINE span (and the LEGAL_REF spans of the references it cites); a free-text cell (a task's content, product or notes, whose
agencies and deadline have columns of their own) holds only TARGET and LEGAL_REF
spans. :func:`read` gives the Doc of a block of prose or of a cell, and
:func:`read_all` builds many at once with ``nlp.pipe``: extraction reads every text
through them.

Importing this module imports neither spaCy nor underthesea: the toolkit's commands
that need no NLP pay nothing for it. underthesea is not part of the pipeline: its
part-of-speech tags are asked for (``pos``) only where they decide something.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal, Union

from ..errors import DataError, MissingDependencyError
from ..models import Deadline, LegalRef, Target

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

_MAX_LENGTH = 10**9
COMPONENTS = ("tthc_agencies", "tthc_legal_refs", "tthc_deadlines", "tthc_targets")
_INSTALL_HINT = "pip install 'spacy>=3.7,<4' (or: pip install -e .)"

Value = Union[str, Deadline, Target, LegalRef, None]
# What a cell holds, read whole by the component of that kind; None for prose.
Cell = Literal["agencies", "deadline", "text"]
CELLS = ("agencies", "deadline", "text")


@dataclass(frozen=True)
class Annotation:
    """One entity: ``label`` is AGENCY, DEADLINE, TARGET or LEGAL_REF; ``text`` is
    ``source[start:end]`` (widened to whole words); ``value`` the canonical agency name
    (None when unknown), or the parsed Deadline, Target or LegalRef."""

    label: str
    text: str
    start: int
    end: int
    value: Value


def _import(module: str, purpose: str):
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(f"{purpose} needs the package {module!r}: {_INSTALL_HINT}") from exc


def add_components(nlp: Language) -> Language:
    """Add the entity components to a Vietnamese pipeline (any tokenizer) and return it."""
    _import("spacy", "the Vietnamese NLP pipeline")
    importlib.import_module(".components", __package__)  # registers the factories
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@contextmanager
def _long_lived() -> Iterator[None]:
    """Objects made to live as long as the process: the garbage collector paused while
    they are made, then everything made by then frozen out of its sight (``gc.freeze``).
    Otherwise each full collection scans spaCy's hundreds of thousands of objects again,
    a tenth of a short run's time, and frees nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.freeze()


@cache
def load_pipeline() -> Language:
    """The pipeline: blank Vietnamese spaCy, syllable tokenizer, entity components.
    Built on the first call and shared afterwards."""
    with _long_lived():
        return _build_pipeline()


def _build_pipeline() -> Language:
    _import("spacy", "the Vietnamese NLP pipeline")
    components = importlib.import_module(".components", __package__)
    # Built directly rather than from its config (filled and validated at some cost).
    # spaCy's limit guards the memory of statistical models; this pipeline has none, its
    # cost grows linearly, and a one-line document of several megabytes is still read.
    nlp = components.SyllableVietnamese(create_tokenizer=components.create_syllable_tokenizer(),
                                        max_length=_MAX_LENGTH)
    return add_components(nlp)


def _blank(nlp: Language, text: str, cell: Cell | None, reference: date | None) -> Doc:
    if cell is not None and cell not in CELLS:
        raise DataError(f"a cell holds one of {CELLS}, not {cell!r}")
    doc = importlib.import_module(".components", __package__).keep_text(nlp.make_doc(text), text)
    doc._.reference = reference
    doc._.cell = cell
    return doc


# Docs kept by read: bounded, for a long batch reads many distinct texts.
READ_CACHE = 8192
# Docs that read_all built, handed over to read's cache.
_batch: dict[tuple[str, Cell | None, date | None], Doc] = {}


def _require_text(text: object, who: str) -> None:
    if not isinstance(text, str):
        raise DataError(f"{who} text, not {type(text).__name__}: {text!r:.80}")


def read(text: str, cell: Cell | None = None, reference: date | None = None) -> Doc:
    """The annotated Doc of a block of prose (``cell`` None) or of a cell of a kind
    (holding only the entities of that kind); ``reference`` is the document's date.
    Built once per text and kept: the Doc is shared, read it without changing it."""
    _require_text(text, "the pipeline reads")
    return _read(text, cell, reference)


@lru_cache(maxsize=READ_CACHE)
def _read(text: str, cell: Cell | None, reference: date | None) -> Doc:
    doc = _batch.pop((text, cell, reference), None)
    if doc is None:
        nlp = load_pipeline()
        doc = nlp(_blank(nlp, text, cell, reference))
    return doc


def agency_spans(text: str) -> tuple[Span, ...]:
    """The AGENCY spans of a piece of prose, only the tokenizer and the agency component
    run: what the questions about a sentence's opening ask (does it open with an agency,
    where do the names end), for texts that are not whole blocks (a sentence with its
    role titles taken out, a cut list)."""
    _require_text(text, "the pipeline reads")
    return _agency_spans(text)


@lru_cache(maxsize=READ_CACHE)
def _agency_spans(text: str) -> tuple[Span, ...]:
    nlp = load_pipeline()
    return spans(nlp(_blank(nlp, text, None, None), disable=COMPONENTS[1:]), "AGENCY")


def read_all(texts: Iterable[str], *, cell: Cell | None = None, reference: date | None = None) -> None:
    """Build the Docs of many texts with ``nlp.pipe``, in one batch, and keep them for
    :func:`read` (the last ``READ_CACHE`` of them: read them before building more)."""
    nlp = load_pipeline()
    distinct = list(dict.fromkeys(texts))
    try:
        for text, doc in zip(distinct, nlp.pipe(_blank(nlp, t, cell, reference) for t in distinct)):
            _batch[text, cell, reference] = doc
            _read(text, cell, reference)  # into the cache
    finally:
        _batch.clear()


def spans(doc: Doc, label: str) -> tuple[Span, ...]:
    """Every span the components found with that label, overlapping ones included, in the
    order found; ``()`` when there is none."""
    return tuple(doc.spans[label]) if label in doc.spans else ()


def entities(doc: Doc) -> tuple[Annotation, ...]:
    """The entities of an annotated Doc as :class:`Annotation` values, in text order."""
    from .components import EXTENSIONS

    return tuple(Annotation(ent.label_, ent.text, ent.start_char, ent.end_char,
                            ent._.get(EXTENSIONS[ent.label_]) if ent.label_ in EXTENSIONS else None)
                 for ent in doc.ents)


def annotate(text: str, *, reference: date | None = None) -> tuple[Annotation, ...]:
    """The agencies, deadlines, targets and legal references in ``text``; ``()`` when
    there is none. ``reference`` (the document's date) supplies the year a deadline
    leaves out. Give normalised text (``normalise_text``): offsets index ``text``."""
    _require_text(text, "annotate expects")
    if reference is not None and not isinstance(reference, date):
        raise DataError(f"the reference date must be a date, not {type(reference).__name__}: {reference!r}")
    nlp = load_pipeline()  # annotated anew, not kept: callers annotate text once
    return entities(nlp(_blank(nlp, text, None, reference)))
