"""spaCy EntityRuler patterns for agency names, built from the gazetteer."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from .gazetteer import gazetteer_data, surfaces

_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?!\w)")


def _new_tone_style(text: str) -> str:
    """"hóa" → "hoá", "Ủy" → "Uỷ": the other common placement of the tone mark."""
    # Word by word: a space neither composes with its neighbours nor matches _OLD_TONE, so
    # each word changes as it would in the whole text, and the names share their words.
    return " ".join(map(_new_tone_style_word, text.split(" ")))


@cache
def _new_tone_style_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(lambda m: m[1] + m[3] + m[2], decomposed))


@cache
def _spelled_out() -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Each abbreviation of several words ("UBND"), with the pattern of its words spelled
    out; the longest first. Compiled once: there are more than the ``re`` cache holds.
    First, one pattern matching wherever any of them does."""
    g = gazetteer_data()
    spelled = tuple((r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", abbreviation.upper())
                    for abbreviation, words in sorted(g.expansions.items(), key=lambda kv: -len(kv[1]))
                    if len(words) > 1)
    return (re.compile("|".join(f"(?:{pattern})" for pattern, _ in spelled) or "(?!)", re.I),
            tuple((re.compile(pattern, re.I), abbreviation) for pattern, abbreviation in spelled))


def _contractions(text: str) -> set[str]:
    """``text`` with each spelled-out abbreviation contracted, one at a time and all of them."""
    any_spelled, each = _spelled_out()
    forms, contracted = {text}, text
    if any_spelled.search(text) is None:  # then no substitution below changes anything
        return forms
    for spelled, abbreviation in each:
        forms.add(spelled.sub(abbreviation, text))
        contracted = spelled.sub(abbreviation, contracted)
    return forms | {contracted}


def _segmentations(syllables: list[str]) -> list[list[str]]:
    """Every way a tokenizer may group the syllables into words of one or two syllables."""
    if len(syllables) <= 1:
        return [syllables]
    return ([[syllables[0], *rest] for rest in _segmentations(syllables[1:])]
            + [[" ".join(syllables[:2]), *rest] for rest in _segmentations(syllables[2:])])


def _token(word: str) -> dict[str, Any]:
    return {"LOWER": {"IN": sorted({word.lower(), _new_tone_style(word).lower()})}}


def agency_patterns() -> list[dict[str, Any]]:
    """spaCy EntityRuler patterns, label "AGENCY": a phrase pattern for every wording
    of every gazetteer name (id = canonical name; meant for ``phrase_matcher_attr=
    "LOWER"``), then token patterns without id for unknown names headed "Sở …",
    "Trung tâm …", "UBND <huyện/xã> …" etc. Token patterns work with the pyvi word
    tokenizer and with plain whitespace tokenization; prefer id'd matches when the
    two overlap."""
    g = gazetteer_data()
    patterns: list[dict[str, Any]] = []
    for entry in g.entries:
        forms = {v for s in surfaces(entry, g.raw["provinces"]) for c in _contractions(s)
                 for v in (c, _new_tone_style(c))}
        patterns.extend({"label": "AGENCY", "pattern": form, "id": entry.name} for form in sorted(forms))
    plain = {"IS_PUNCT": False, "IS_DIGIT": False, "IS_SPACE": False}
    more = {**plain, "LOWER": {"NOT_IN": sorted({w.lower() for w in g.raw["name_stop_words"]})}, "OP": "?"}
    for head in g.raw["pattern_heads"]:
        for words in _segmentations(head.split()):
            tokens = [_token(w) for w in words] + [{**plain, "IS_LOWER": False}] + [dict(more) for _ in range(5)]
            patterns.append({"label": "AGENCY", "pattern": tokens})
    places = [seg for p in ("tỉnh", "huyện", "xã", "quận", "phường", "thành phố", "thị xã", "thị trấn")
              for seg in _segmentations(p.split())]
    for head in ("UBND", "Ủy ban nhân dân"):
        for words in _segmentations(head.split()):
            for place in places:
                name = [{**plain, "IS_LOWER": False}, {**plain, "IS_LOWER": False, "OP": "?"}]
                patterns.append({"label": "AGENCY", "pattern": [_token(w) for w in words + place] + name})
    return patterns
