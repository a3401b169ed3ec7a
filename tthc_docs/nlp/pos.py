"""Part-of-speech questions answered with underthesea's Vietnamese tagger.

Loaded on first use only (the model takes about a second), so commands that
need no NLP pay nothing for it.
"""

from __future__ import annotations

from functools import cache

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


@cache
def tags(text: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs; words are underthesea's segmented words."""
    return tuple((word, tag) for word, tag in _tagger()(text))


def has_verb(text: str) -> bool:
    """Whether the text holds a verb, i.e. says what to do and not only who."""
    return any(tag in VERB_TAGS for _, tag in tags(text))


def starts_with_verb(text: str) -> bool:
    """Whether the first word is a verb: how instructions begin ("Rà soát …")."""
    found = tags(text)
    return bool(found) and found[0][1] in VERB_TAGS
