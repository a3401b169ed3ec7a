"""Part-of-speech questions answered with underthesea's Vietnamese tagger.

Loaded on first use only (the model takes about a second), so commands that
need no NLP pay nothing for it.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..errors import MissingDependencyError

VERB_TAGS = frozenset({"V", "Vb", "Vy"})


@cache
def _tagger():
    try:
        from underthesea import pos_tag
    except ImportError as exc:  # pragma: no cover - a broken install
        raise MissingDependencyError(
            "Vietnamese part-of-speech tagging needs underthesea: pip install underthesea") from exc
    return pos_tag


@lru_cache(maxsize=8192)  # bounded: a long batch tags many distinct sentences
def tags(text: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs; words are underthesea's segmented words."""
    return tuple((word, tag) for word, tag in _tagger()(text))


def has_verb(text: str) -> bool:
    """Whether the text holds a verb, i.e. says what to do and not only who."""
    return any(tag in VERB_TAGS for _, tag in tags(text))
