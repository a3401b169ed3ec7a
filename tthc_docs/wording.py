"""What the toolkit reports, worded from data: ``data/messages.yaml`` holds, for
each kind of problem, event or error detail, its English wording (the command
line, the logs) and its Vietnamese wording (the web pages).

A producer returns a frozen dataclass with a ``kind`` (an Enum) and the values
the wording names; :func:`say` puts the two together. The file is keyed by the
Enum class name, then the member's value; a placeholder names a field of the
dataclass (``{field}``, ``{value!r}``), and a field holding an Enum that has
wordings of its own is worded in the same language first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from enum import Enum, StrEnum
from functools import cache
from typing import Any

from .datafile import load_mapping
from .errors import DataError

DATA_FILE = "messages.yaml"


class Language(StrEnum):
    ENGLISH = "en"
    VIETNAMESE = "vi"


@cache
def wordings() -> Mapping[str, Mapping[str, Mapping[Language, str]]]:
    """``data/messages.yaml``: Enum class name → member value → language → wording."""
    checked: dict[str, dict[str, dict[Language, str]]] = {}
    for section, entries in load_mapping(DATA_FILE).items():
        if not isinstance(entries, dict) or not entries:
            raise DataError(f"{DATA_FILE}: {section!r} must map kinds to wordings, found {entries!r}")
        checked[section] = {}
        for kind, texts in entries.items():
            if not isinstance(texts, dict) or set(texts) != set(Language) \
                    or not all(isinstance(t, str) and t.strip() for t in texts.values()):
                raise DataError(f"{DATA_FILE}: {section}.{kind} must give a wording for each of "
                                f"{', '.join(Language)}, found {texts!r}")
            checked[section][str(kind)] = {Language(lang): text for lang, text in texts.items()}
    return checked


def has_wording(kind: Enum) -> bool:
    return type(kind).__name__ in wordings()


def say(item: Any, language: Language = Language.ENGLISH) -> str:
    """The wording of ``item`` (a dataclass with a ``kind`` Enum) in ``language``."""
    if not is_dataclass(item):
        raise TypeError(f"say() needs a dataclass with a kind, not {item!r}")
    values = {f.name: getattr(item, f.name) for f in fields(item) if f.name != "kind"}
    return word(item.kind, language, values)


def word(kind: Enum, language: Language, values: Mapping[str, object]) -> str:
    """The wording of ``kind`` in ``language`` with ``values`` in its placeholders."""
    text = wordings()[type(kind).__name__][str(kind.value)][language]
    shown = {name: word(value, language, {}) if isinstance(value, Enum) and has_wording(value) else value
             for name, value in values.items()}
    return text.format_map(shown)
