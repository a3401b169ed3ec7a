"""Part-of-speech questions answered with underthesea's Vietnamese tagger.

Loaded on first use only (the model takes about a second), so commands that
need no NLP pay nothing for it.

The words are underthesea's (``word_tokenize``) and the tags its CRF model's, as
``underthesea.pos_tag`` gives them; only the features the model reads are computed
here. underthesea's own feature code rebuilds the columns of the whole sentence for
each feature of each word, a cost that grows with the square of the sentence and was
three quarters of the tagging; :func:`word_features` computes the same strings (a test
compares them with underthesea's) in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import MissingDependencyError

VERB_TAGS = frozenset({"V", "Vb", "Vy"})

# The tag column of a sentence being tagged holds this placeholder (as in underthesea).
_UNTAGGED = "X"
_TOKEN_SYNTAX = re.compile(r"T\[(?P<first>-?\d+)(?:,(?P<last>-?\d+))?\](?:\[(?P<column>\d+)\])?"
                           r"(?:\.(?P<function>\w+))?$")


@dataclass(frozen=True)
class FeatureTemplate:
    """One feature of the model's template ("T[-1,0]", "T[0].lower", "T[-3][1]"): the words
    ``first``..``last`` around the word (``last`` None: one word) of the column (0 the
    words, 1 the tags), through ``function`` when there is one."""

    syntax: str
    first: int
    last: int | None
    column: int
    function: str | None

    @classmethod
    def parse(cls, syntax: str) -> FeatureTemplate:
        match = _TOKEN_SYNTAX.match(syntax)
        if match is None:
            raise MissingDependencyError(f"underthesea's tagger has a feature this toolkit cannot read: {syntax!r}; "
                                         "install the underthesea version pyproject.toml names")
        last = match.group("last")
        return cls(syntax, int(match.group("first")), int(last) if last is not None else None,
                   int(match.group("column") or 0), match.group("function"))


@dataclass(frozen=True)
class Tagger:
    """underthesea's segmenter, its POS model and the model's feature template."""

    segment: Callable[[str], list[str]]
    tag: Callable[[list[list[str]]], list[str]]
    template: tuple[FeatureTemplate, ...]
    apply: Callable[[str, str], object]


@cache
def _tagger() -> Tagger:
    try:
        from underthesea import word_tokenize
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
        from underthesea.pipeline.pos_tag.tagged_feature import apply_function
    except ImportError as exc:  # pragma: no cover - a broken install
        raise MissingDependencyError(
            "Vietnamese part-of-speech tagging needs underthesea: pip install underthesea") from exc
    predictor = CRFPOSTagPredictor.Instance()
    return Tagger(word_tokenize, predictor.model.tag,
                  tuple(FeatureTemplate.parse(s) for s in predictor.transformer.template), apply_function)


def word_features(words: Sequence[str]) -> list[list[str]]:
    """The model's features of each word of a segmented sentence, as underthesea's
    ``word2features`` writes them ("T[-1].lower=sở", "T[0].istitle=True", "T[2]=EOS")."""
    tagger = _tagger()
    columns = (list(words), [_UNTAGGED] * len(words))
    n = len(words)
    applied: dict[tuple[str, str], object] = {}  # a word is lowered for five features
    features = []
    for i in range(n):
        row = []
        for feature in tagger.template:
            first = i + feature.first
            last = i + feature.last if feature.last is not None else None
            if first < 0:
                value: object = "BOS"
            elif first >= n or (last is not None and last >= n):
                value = "EOS"
            else:
                column = columns[feature.column]
                word = " ".join(column[first:last + 1]) if last is not None else column[first]
                if feature.function:
                    key = (feature.function, word)
                    if key not in applied:
                        applied[key] = tagger.apply(feature.function, word)
                    value = applied[key]
                else:
                    value = word
            row.append(f"{feature.syntax}={value}")
        features.append(row)
    return features


@lru_cache(maxsize=8192)  # bounded: a long batch tags many distinct sentences
def tags(text: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs; words are underthesea's segmented words."""
    tagger = _tagger()
    words = tagger.segment(text)
    if not words:
        return ()
    return tuple(zip(words, tagger.tag(word_features(words))))


def has_verb(text: str) -> bool:
    """Whether the text holds a verb, i.e. says what to do and not only who."""
    return any(tag in VERB_TAGS for _, tag in tags(text))
