"""Legacy Vietnamese encodings: reading text files of unknown encoding, writing TCVN3 and VNI.

``decode_bytes`` turns the bytes of a .txt/.md/.html file of unknown encoding
(UTF-8, UTF-16, TCVN3, VNI, Windows-1258, or UTF-8 garbled by a Windows-1252
round trip) into normalised text (``normalise.normalise_text``);
``encode_legacy`` writes TCVN3 or VNI bytes; ``vietnamese_score`` is the measure
that picks the decoding.

The conversion tables (``data/legacy_encodings/*.tsv``) and the syllable
inventory used to recognise Vietnamese (``data/legacy_encodings/syllables.yaml``)
are data files, read once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from ..datafile import load_mapping
from ..errors import DataError, EmptyInputError, UnsupportedFormatError
from .normalise import TONE_MARKS, normalise_text
from .phrases import longest_first

_DATA = files("tthc_docs") / "data"
LEGACY_ENCODINGS = ("tcvn3", "vni")
_STOP_TONES = "\u0301\u0323"  # sắc, nặng: the only tones of a syllable closed by c, ch, p, t

# --- legacy tables --------------------------------------------------------------------------

@dataclass(frozen=True)
class LegacyRow:
    """One row of a conversion table: ``use`` is "both", "decode" or "encode"."""

    sequence: bytes
    char: str
    use: str


_HEX = re.compile(r"[0-9A-Fa-f]{2}( [0-9A-Fa-f]{2})*")


@cache
def legacy_table(encoding: str) -> tuple[LegacyRow, ...]:
    """The rows of the conversion table of ``encoding`` ("tcvn3" or "vni")."""
    if encoding not in LEGACY_ENCODINGS:
        raise DataError(f"unknown legacy encoding {encoding!r}: use one of {', '.join(LEGACY_ENCODINGS)}")
    path = _DATA / "legacy_encodings" / f"{encoding}.tsv"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("bytes\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not _HEX.fullmatch(fields[0]) or fields[2] not in ("both", "decode", "encode"):
            raise DataError(f"{path.name}:{number}: bad row {line!r}: "
                            "want hex bytes, a letter and both|decode|encode")
        rows.append(LegacyRow(bytes.fromhex(fields[0]), fields[1], fields[2]))
    return tuple(rows)


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five bytes Windows-1252 leaves undefined: kept as C1 controls


@cache
def _legacy_decoder(encoding: str) -> tuple[re.Pattern[str] | None, dict[str, str], dict[int, str]]:
    """A pattern of the multi-byte sequences, their letters, and a translation
    table for single bytes (other high bytes as Windows-1252)."""
    rows = [row for row in legacy_table(encoding) if row.use != "encode"]
    multi = {row.sequence.decode("latin-1"): row.char for row in rows if len(row.sequence) > 1}
    single = {byte: _cp1252_char(byte) for byte in range(0x80, 0x100)}
    single.update({row.sequence[0]: row.char for row in rows if len(row.sequence) == 1})
    pattern = re.compile(f"({longest_first(multi, gap=None)})") if multi else None
    return pattern, multi, single


def _decode_legacy(data: bytes, encoding: str) -> str:
    pattern, multi, single = _legacy_decoder(encoding)
    text = data.decode("latin-1")
    parts = pattern.split(text) if pattern else [text]  # odd items are the multi-byte sequences
    text = "".join(multi[part] if index % 2 else part.translate(single) for index, part in enumerate(parts))
    return _restore_capitals(text) if encoding == "tcvn3" else text


@cache
def _encoder(encoding: str) -> dict[int, str]:
    rows = [row for row in legacy_table(encoding) if row.use != "decode"]
    used = {byte for row in legacy_table(encoding) for byte in row.sequence}
    mapping = {}
    for byte in range(0x80, 0x100):
        char = _cp1252_char(byte)
        if char != chr(byte) or byte >= 0xA0:  # a real Windows-1252 character
            mapping[ord(char)] = "\ufffd" if byte in used else chr(byte)
    mapping.update({code: "\ufffd" for code in range(0x80, 0xa0)})  # C1 controls: no code
    mapping.update({ord(row.char): row.sequence.decode("latin-1") for row in rows})
    return mapping


def encode_legacy(text: str, encoding: str) -> bytes:
    """``text`` (NFC first) in TCVN3 or VNI bytes; characters around the Vietnamese
    letters as Windows-1252. TCVN3 writes its 60 missing capitals with the
    lower-case codes, as the .VnTimeH fonts expect. Raises DataError naming the
    first character the encoding cannot hold."""
    table = _encoder(encoding.strip().lower())
    text = unicodedata.normalize("NFC", text)
    try:
        return text.translate(table).encode("latin-1")
    except UnicodeEncodeError:
        bad = next(i for i, c in enumerate(text) if ord(c) >= 0x80 and table.get(ord(c), "\ufffd") == "\ufffd")
        raise DataError(f"{text[bad]!r} (U+{ord(text[bad]):04X}) at position {bad} has no code in "
                        f"{encoding}") from None


@cache
def _tcvn3_upper() -> dict[int, str]:
    return {ord(row.char): row.char.upper() for row in legacy_table("tcvn3")
            if row.use == "both" and row.char.islower()}


def _restore_capitals(text: str) -> str:
    """TCVN3 reads back capitals with a tone mark as lower case: put them back in
    upper case in words that are visibly upper case ("CéNG" -> "CỘNG"), and in
    whole lines without lower-case letters that hold such a word ("ñY BAN NH¢N
    D¢N" -> "ỦY BAN NHÂN DÂN"); abbreviations alone ("Sè: 12/KH-UBND") are no
    evidence."""
    upper = _tcvn3_upper()

    def shouting(word: str) -> bool:
        return not _ASCII_LOWER.search(word) and sum(c.isupper() for c in word) >= 2

    def fix_line(line: str) -> str:
        words = _NO_ASCII_LOWER_WORD.findall(line)
        if not _ASCII_LOWER.search(line) and any(shouting(w) and not w.isascii() for w in words):
            return line.translate(upper)
        return _NO_ASCII_LOWER_WORD.sub(lambda m: m.group().translate(upper) if shouting(m.group()) else m.group(),
                                        line)

    return "\n".join(fix_line(line) for line in text.split("\n"))


# --- decode_bytes ---------------------------------------------------------------------------

_ASCII_LOWER = re.compile("[a-z]")
_NO_ASCII_LOWER_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_a-z]{2,}(?![^\W\d_])")
_TOKEN = re.compile(r"[^\s!-@\[-`{-~“”‘’…–—]+")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f])
_SAMPLE_BYTES = 1 << 16
_SAMPLE_TOKENS = 3000
_VIETNAMESE_ONLY = re.compile("[ăđĩũơư\u1ea0-\u1ef9]")
_CP1252_CHARS = {b: _cp1252_char(b) for b in range(0x80, 0xa0)}
_MOJIBAKE_BYTES = {ord(_cp1252_char(b)): chr(b) for b in range(0x80, 0xa0)}
# A character the repair cannot turn back into a byte: neither Latin-1 nor a Windows-1252 one.
_NOT_A_BYTE = re.compile(f"[^\\x00-\\xff{''.join(c for c in map(chr, _MOJIBAKE_BYTES) if ord(c) > 0xff)}]")


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """The normalised text of a text file of unknown encoding.

    Valid UTF-8 that is not mojibake is taken at once. A byte-order mark decides
    UTF-8 or UTF-16; so does the pattern of NUL bytes of UTF-16 text without one.
    Otherwise each candidate decoding (UTF-8, UTF-8
    that went through Windows-1252 once or more and is repaired, TCVN3, VNI,
    Windows-1258, Windows-1252, UTF-8 with stray bytes replaced by U+FFFD) is
    scored on a sample by the share of its non-ASCII words that are Vietnamese
    syllables (``vietnamese_score``); the best wins (see ``_best`` for ties).
    Raises EmptyInputError for no bytes or no text, UnsupportedFormatError for
    binary content (NUL bytes that are not UTF-16, over 30 % control bytes).
    """
    if not data:
        raise EmptyInputError("the file is empty (0 bytes)", source)
    text = normalise_text(_decode(data, source))
    if not text.strip():
        raise EmptyInputError(f"no text in {len(data)} bytes", source)
    return text


def _decode(data: bytes, source: str) -> str:
    clean = _clean_utf8(data)
    if clean is not None:
        return clean
    if data.startswith(b"\xef\xbb\xbf"):
        return _best(data, (_utf8, _unmojibake, _utf8_lossy))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    if 0 in data:
        return _utf16_without_bom(data, source)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > 0.3 * len(data):
        raise UnsupportedFormatError(f"binary content, not text: {controls} of {len(data)} bytes are control "
                                     f"characters", source)
    return _best(data, (_utf8, _unmojibake, lambda d: _decode_legacy(d, "tcvn3"), lambda d: _decode_legacy(d, "vni"),
                        lambda d: d.decode("cp1258", "replace"),
                        lambda d: d.decode("latin-1").translate(_CP1252_CHARS), _utf8_lossy))


def _clean_utf8(data: bytes) -> str | None:
    """The text of bytes that are valid UTF-8 and not Windows-1252 mojibake of it,
    without NUL bytes (UTF-16) or binary controls: what almost every file is, taken
    at once; None sends the bytes to the scoring of every candidate decoding. No
    legacy decoding can beat it: TCVN3, VNI and Windows-1258 text with Vietnamese
    letters is not valid UTF-8."""
    text = _utf8(data)
    if text is None or 0 in data or _unmojibake(data) not in (None, text):
        return None
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return text if controls <= 0.3 * len(data) else None


def _best(data: bytes, decoders: tuple[Callable[[bytes], str | None], ...]) -> str:
    """The decoding that scores best on a sample: most Vietnamese syllables, then
    fewest garbled words with Vietnamese letters, then fewest characters, then the
    earlier decoder. The last decoder must accept any bytes."""
    cut = min(len(data), _SAMPLE_BYTES)
    while 0 < cut < len(data) and data[cut] >= 0x80:  # cut between characters, at an ASCII byte
        cut -= 1
    sample = data[:cut or len(data)]
    scored = []
    for rank, decoder in enumerate(decoders):
        text = decoder(sample)
        if text is not None:
            share, suspect = _evidence(text)
            length = len(unicodedata.normalize("NFC", text))  # VNI read as TCVN3 gives more letters
            scored.append((-share, suspect, length, rank, decoder))
    ranked = (decoder for *_, decoder in sorted(scored, key=lambda item: item[:4]))
    return next(text for decoder in ranked if (text := decoder(data)) is not None)


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _utf8_lossy(data: bytes) -> str:
    """UTF-8 with a few stray bytes (a paste from a Windows-1252 file): they become
    U+FFFD instead of turning the whole file into the wrong encoding."""
    return data.decode("utf-8-sig", "replace")


def _unmojibake(data: bytes) -> str | None:
    """UTF-8 text that was read as Windows-1252 (and saved again), once or more:
    "Viá»‡t Nam" -> "Việt Nam". None when ``data`` is not such text."""
    text, repaired = _utf8(data), None
    for _ in range(4):  # a file can go through the round trip more than once
        # Where a character is no byte, encoding the whole text would fail at it: a
        # search that stops at the first Vietnamese letter says so at once.
        if text is None or _NOT_A_BYTE.search(text):
            break
        try:
            text = text.translate(_MOJIBAKE_BYTES).encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        repaired = text
    return repaired


def _utf16_without_bom(data: bytes, source: str) -> str:
    even, odd = data[0::2], data[1::2]
    if len(data) % 2 == 0:
        if even.count(0) == 0 and odd.count(0) >= 0.2 * len(odd):
            return data.decode("utf-16-le", "replace")
        if odd.count(0) == 0 and even.count(0) >= 0.2 * len(even):
            return data.decode("utf-16-be", "replace")
    raise UnsupportedFormatError(f"binary content, not text: {data.count(0)} NUL bytes, the first at byte "
                                 f"{data.index(0)}", source)


def vietnamese_score(text: str) -> float:
    """Share of the words with a non-ASCII letter that are Vietnamese syllables
    (0.0 when there is none); read from the first few thousand such words."""
    return _evidence(text)[0]


def _evidence(text: str) -> tuple[float, int]:
    """``vietnamese_score`` and, to break its ties, the number of words that are
    no syllables yet have a letter only Vietnamese uses ("Cafộ" from "Café")."""
    valid = total = suspect = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.isascii():
            continue
        total += 1
        word = unicodedata.normalize("NFC", token).lower()
        if _is_syllable(word):
            valid += 1
        elif _VIETNAMESE_ONLY.search(word):
            suspect += 1
        if total >= _SAMPLE_TOKENS:
            break
    return (valid / total if total else 0.0), suspect


@cache
def _syllables() -> dict[str, frozenset[str]]:
    parts = dict(load_mapping("legacy_encodings/syllables.yaml"))
    parts["rhymes"] = " ".join(parts["rhymes"])
    return {key: frozenset(value.split()) for key, value in parts.items()}


@lru_cache(maxsize=1 << 16)
def _is_syllable(word: str) -> bool:
    parts = _syllables()
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    for onset in ("", *parts["onsets"]):
        rhyme = bare[len(onset):]
        if not bare.startswith(onset) or rhyme not in parts["rhymes"]:
            continue
        spelled = onset not in parts["never_front" if rhyme[:1] in parts["front_vowels"] else "front_only"]
        spelled = spelled and not (onset == "qu" and rhyme[:1] in parts["never_after_qu"])
        stopped = any(rhyme.endswith(coda) for coda in parts["stop_codas"])
        if spelled and (not stopped or (tones and tones[0] in _STOP_TONES)):
            return True
    return False
