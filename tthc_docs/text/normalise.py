"""Text normalisation: the toolkit's canonical form of text.

``normalise_text`` puts any text the readers produce into one canonical form.
Reading bytes of unknown or legacy encoding is :mod:`tthc_docs.text.legacy`.

The tone-placement style (``data/tone_style.yaml``) is a data file, read once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache
from ..datafile import load_mapping

TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_VOWELS = "aăâeêioôơuưy"

# --- normalise_text -------------------------------------------------------------------------

_SPACE_CHARS = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = ("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2060\u2066\u2067\u2068\u2069\ufeff")
_CONTROLS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f, *range(0x80, 0x85),
                               *range(0x86, 0xa0)]))
_CHAR_MAP = {
    **{c: "" for c in _INVISIBLE + _CONTROLS},
    **{c: " " for c in _SPACE_CHARS},
    **{c: "\n" for c in "\x0b\x85\u2028\u2029"},
    "\u00d0": "\u0110",  # Icelandic "Ð" typed or converted for the identical-looking "Đ"
}
_CHAR = re.compile(f"[{''.join(map(re.escape, _CHAR_MAP))}]")
_AMP = r"(?:amp|AMP|#0*38|#[xX]0*26);"
_ENTITY = re.compile(rf"&(?:{_AMP})*(#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});")
_SPACE_RUN = re.compile("  +")  # a literal prefix: searched far faster than " {2,}"
_DASH_CHARS = "\u2010-\u2015\u2212"
_DASH = re.compile(f"[{_DASH_CHARS}]")
_LETTER_OR_MARK = r"[^\W\d_]|[\u0300-\u036f]"


def normalise_text(text: str) -> str:
    """Return ``text`` in the toolkit's canonical form. Idempotent; linear time
    (a reference hidden behind another, like "&amp&#59;", costs one more pass).

    Rules, in order:

    * HTML character references left over from web pages are decoded ("&nbsp;",
      "&amp;", "&lt;", "&#7879;", "&#x1EC7;"), double-escaped ones too ("&amp;lt;"
      -> "<"). Only references with the closing ";" count, so "Sở TT&TT" stays.
    * Invisible characters are removed: soft hyphen, zero-width space/joiners,
      word joiner, byte-order mark, bidirectional marks, and control characters
      other than TAB, LF and FF (FF marks page breaks). VT (Word's manual line
      break), NEL, LINE and PARAGRAPH SEPARATOR become LF; CRLF and CR become LF.
    * Unicode normalisation form NFC (one code point per Vietnamese letter).
    * "Ð" (U+00D0, Icelandic eth) becomes "Đ" (U+0110), which it imitates.
    * Non-breaking and other Unicode spaces become " "; runs of spaces become
      one space. TABs and line breaks are kept as they are: readers rely on them.
    * Dashes (U+2010-U+2015, U+2212) become "–" (en dash) between spaces in the
      middle of a line ("Lao động – Thương binh"), "-" elsewhere ("2023-2025", a
      "–" bullet at the start of a line). The ASCII "-" is never changed.
    * Tone marks on the diphthongs oa, oe, uy that end a syllable go on the first
      vowel ("hoá" -> "hóa", "khoẻ" -> "khỏe", "thuỷ" -> "thủy", "Uỷ" -> "Ủy");
      "hoàn", "toán", "quyết" are left alone, and in "qu" the u is a consonant:
      "quý" stays, a mark typed on that u moves on ("qúy" -> "quý"). See
      ``data/tone_style.yaml``. Letter case is kept.

    "…", typographic quotes and everything else are kept.
    """
    text = _clean(text)
    while True:  # a decoded reference can expose another ("&amp;#8203;"): repeat until stable
        decoded = _ENTITY.sub(_decode_entity, text)
        if decoded == text:
            break
        text = _clean(decoded)
    text = _SPACE_RUN.sub(" ", text)
    text = _DASH.sub(_unify_dash, text)
    qu_rule, diphthong_rule = _tone_rules()
    text = qu_rule.sub(_move_tone_forward, text)
    return diphthong_rule.sub(_move_tone_back, text)


def _clean(text: str) -> str:
    text = _CHAR.sub(lambda m: _CHAR_MAP[m.group()], text).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _unify_dash(match: re.Match[str]) -> str:
    text, start = match.string, match.start()
    before, after = text[max(start - 2, 0):start], text[start + 1:start + 2]
    mid_line = len(before) == 2 and before[1] == " " and not before[0].isspace()
    return "\u2013" if mid_line and after == " " else "-"


def _decode_entity(match: re.Match[str]) -> str:
    return html.unescape(f"&{match.group(1)};")


@cache
def _tone_style() -> tuple[frozenset[str], str]:
    style = load_mapping("tone_style.yaml")
    return frozenset(style["open_diphthongs"]), style["consonant_u_after"]


@cache
def _tone_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two patterns: "q" + a toned "u" + a vowel, and a diphthong's first vowel
    followed by a toned second vowel at the end of a syllable (checked against
    the style in the callback, which keeps the patterns simple and fast)."""
    diphthongs, q = _tone_style()
    vowels = "".join(c + c.upper() for c in _VOWELS)
    toned_vowels = "".join(_with_tone(v, t) for v in vowels for t in TONE_MARKS)
    toned_u = "".join(_with_tone(c, t) for c in "uU" for t in TONE_MARKS)
    qu_rule = re.compile(f"[{q}{q.upper()}][{toned_u}][{vowels}](?![{vowels}{toned_vowels}\u0300-\u036f])")
    firsts = {d[0] for d in diphthongs} | {d[0].upper() for d in diphthongs}
    seconds = "".join(_with_tone(d[1], t) + _with_tone(d[1].upper(), t) for d in diphthongs for t in TONE_MARKS)
    return qu_rule, re.compile(f"[{''.join(sorted(firsts))}][{seconds}](?!{_LETTER_OR_MARK})")


@lru_cache(maxsize=512)
def _with_tone(letter: str, tone: str) -> str:
    return unicodedata.normalize("NFC", letter + tone)


@lru_cache(maxsize=512)
def _split_tone(letter: str) -> tuple[str, str]:
    parts = unicodedata.normalize("NFD", letter)
    tone = "".join(c for c in parts if c in TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)), tone


def _move_tone_back(match: re.Match[str]) -> str:
    first, second = match.group()
    base, tone = _split_tone(second)
    diphthongs, q = _tone_style()
    start = match.start()
    after_q = first in "uU" and start > 0 and match.string[start - 1] in (q, q.upper())
    if (first + base).lower() not in diphthongs or after_q:
        return match.group()
    return _with_tone(first, tone) + base


def _move_tone_forward(match: re.Match[str]) -> str:
    q, u, vowel = match.group()
    base, tone = _split_tone(u)
    return q + base + _with_tone(vowel, tone)


def collapse_lines(text: str, runs: re.Pattern[str], run_marks: tuple[str, ...]) -> str:
    """Each line stripped, each run of ``runs`` within it one space, blank lines dropped.
    ``run_marks`` are what any run holds (two spaces, a TAB…): text without them is not
    searched, and a lone space is given back as it was."""
    if any(mark in text for mark in run_marks):
        text = runs.sub(" ", text)
    if "\n" not in text:
        return text.strip()
    return "\n".join(line for line in (line.strip() for line in text.split("\n")) if line)
