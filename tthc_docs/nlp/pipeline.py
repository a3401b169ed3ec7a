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

Of overlapping entities the longest stays. ``annotate`` gives the same entities as
plain frozen dataclasses, for callers that want no spaCy objects.

Importing this module imports neither spaCy nor underthesea: the toolkit's commands
that need no NLP pay nothing for it. underthesea is not part of the pipeline: its
part-of-speech tags are asked for (``pos``) only where they decide something.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Union

from ..errors import DataError, MissingDependencyError
from ..models import Deadline, LegalRef, Target

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENTS = ("tthc_agencies", "tthc_legal_refs", "tthc_deadlines", "tthc_targets")
_INSTALL_HINT = "pip install 'spacy>=3.7,<4' (or: pip install -e .)"

Value = Union[str, Deadline, Target, LegalRef, None]


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
    components = importlib.import_module(".components", __package__)
    components.register_extensions()
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@cache
def load_pipeline() -> Language:
    """The pipeline: blank Vietnamese spaCy, syllable tokenizer, entity components.
    Built on the first call and shared afterwards."""
    spacy = _import("spacy", "the Vietnamese NLP pipeline")
    components = importlib.import_module(".components", __package__)
    # use_pyvi off: the pyvi tokenizer spaCy would build is replaced straight away.
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = components.syllable_tokenizer(nlp.vocab)
    return add_components(nlp)


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
    if not isinstance(text, str):
        raise DataError(f"annotate expects text, not {type(text).__name__}: {text!r:.80}")
    if reference is not None and not isinstance(reference, date):
        raise DataError(f"the reference date must be a date, not {type(reference).__name__}: {reference!r}")
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    doc._.reference = reference
    return entities(nlp(doc))
