"""Tests of tthc_docs.text.legacy: decoding text files of unknown encoding, TCVN3 and VNI tables."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED_CHI_THI_000, SEED_KE_HOACH_003, SEED_QUYET_DINH_002, SEEDS
from tthc_docs.errors import DataError, EmptyInputError, TthcError, UnsupportedFormatError
from tthc_docs.text.legacy import decode_bytes, encode_legacy, legacy_table, vietnamese_score
from tthc_docs.text.normalise import normalise_text

DATA = ROOT / "tthc_docs" / "data"

TONES = "\u0301\u0300\u0309\u0303\u0323"
# The 67 lower-case Vietnamese letters outside ASCII, built from Unicode, not from the tables.
LOWER_LETTERS = sorted(
    {unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in ("", *TONES)}
    - set("aeiouy") | {"đ"})
UPPER_LETTERS = [letter.upper() for letter in LOWER_LETTERS]
NATIONAL_TITLE = "Cộng hòa xã hội chủ nghĩa Việt Nam"


def seed_paragraph(path: Path, opening: str) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(opening))


def as_cp1252_mojibake(text: str) -> bytes:
    """``text`` saved as UTF-8, read back as Windows-1252 (undefined bytes kept as C1
    controls, as Windows does) and saved again as UTF-8."""
    chars = []
    for byte in text.encode("utf-8"):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars).encode("utf-8")


def as_cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: a letter with its vowel mark, then the tone
    as a combining character (only the tone marks are combining in cp1258)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tone)
    return "".join(out).encode("cp1258")


# --- decode_bytes --------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("opening", ["Công tác cải cách, kiểm soát", "Để kịp thời khắc phục"])
def test_seed_000_paragraph_round_trips_through_legacy_encoding(encoding: str, opening: str) -> None:
    paragraph = seed_paragraph(SEED_CHI_THI_000, opening)
    assert not paragraph.isascii() and unicodedata.is_normalized("NFC", paragraph)
    assert decode_bytes(encode_legacy(paragraph, encoding)) == paragraph


@pytest.mark.parametrize(("raw", "expected"), [
    # TCVN3 bytes shown as Windows-1252, as they look when opened without the .VnTime font.
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", NATIONAL_TITLE),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Thñ tôc hµnh chÝnh", "Thủ tục hành chính"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Uû ban nh©n d©n tØnh", "Ủy ban nhân dân tỉnh"),
    ("ñY BAN NH¢N D¢N TØNH H¶I D¦¥NG", "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"),
])
def test_known_tcvn3_strings(raw: str, expected: str) -> None:
    assert decode_bytes(raw.encode("cp1252")) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    # VNI-Windows bytes shown as Windows-1252.
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", NATIONAL_TITLE),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Thuû tuïc haønh chính", "Thủ tục hành chính"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Uyû ban nhaân daân tænh", "Ủy ban nhân dân tỉnh"),
    ("Aùnh Döông", "Ánh Dương"),  # Word's "Capitalize Each Word" on VNI text
])
def test_known_vni_strings(raw: str, expected: str) -> None:
    assert decode_bytes(raw.encode("cp1252")) == expected


@pytest.mark.parametrize("phrase", ["Số: 12/KH-UBND", "Ghi chú", "Chủ trì", "Kết quả", "Phối hợp", "Quý IV/2021"])
@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_short_headings_are_decoded(phrase: str, encoding: str) -> None:
    data = as_cp1258(phrase) if encoding == "cp1258" else encode_legacy(phrase, encoding)
    assert decode_bytes(data) == phrase


def test_windows_1258_with_combining_tones() -> None:
    data = ("Vi" + "ê" + "\u0323" + "t Nam").encode("cp1258")
    assert data == b"Vi\xea\xf2t Nam"
    assert decode_bytes(data) == "Việt Nam"


def test_windows_1258_seed_paragraph() -> None:
    paragraph = seed_paragraph(SEED_CHI_THI_000, "Tuy nhiên, công tác cải cách")
    assert decode_bytes(as_cp1258(paragraph)) == normalise_text(paragraph)


@pytest.mark.parametrize("data", [
    "Viá»‡t Nam".encode("utf-8"),
    as_cp1252_mojibake("Việt Nam"),
    as_cp1252_mojibake(as_cp1252_mojibake("Việt Nam").decode("utf-8")),
], ids=["literal", "once", "twice"])
def test_utf8_read_as_cp1252_is_repaired(data: bytes) -> None:
    assert decode_bytes(data) == "Việt Nam"


# Letters whose UTF-8 ends in each byte 0x80-0x9f: their mojibake holds every
# character Windows-1252 gives those bytes ("€", "‚", "ƒ" … "Ÿ") and its undefined ones.
CP1252_RANGE_LETTERS = "Ề ề Ể ể Ễ ễ Ệ ệ Ỉ ỉ Ị ị Ọ ọ Ỏ ỏ Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ Ớ ớ Ờ ờ Ở ở"


@pytest.mark.parametrize("text", [
    CP1252_RANGE_LETTERS,
    f"Kế hoạch “{CP1252_RANGE_LETTERS}” – năm 2025…",  # typographic marks are Windows-1252 too
    "Café Lê",  # Latin-1 letters
], ids=["0x80-0x9f", "with-punctuation", "latin-1"])
@pytest.mark.parametrize("rounds", [1, 2])
def test_mojibake_of_every_windows_1252_character_is_repaired(text: str, rounds: int) -> None:
    data = text.encode("utf-8")
    for _ in range(rounds):
        data = as_cp1252_mojibake(data.decode("utf-8"))
    assert {byte for char in CP1252_RANGE_LETTERS.replace(" ", "") for byte in char.encode("utf-8")[2:]} == \
        set(range(0x80, 0xa0))
    assert decode_bytes(data) == text


@pytest.mark.parametrize("text", [
    "Việt Nam",  # "ệ" is neither Latin-1 nor Windows-1252: not mojibake, taken as it is
    "Uỷ ban nhân dân tỉnh – “Đề án 06”",
    "Viá»‡t Nam và Việt Nam",  # mojibake next to a real letter: a mix, kept
])
def test_utf8_with_a_vietnamese_letter_is_not_repaired(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == normalise_text(text)


def test_mojibake_seed_paragraph_is_repaired() -> None:
    paragraph = seed_paragraph(SEED_CHI_THI_000, "Những tồn tại, hạn chế trên")
    assert decode_bytes(as_cp1252_mojibake(paragraph)) == paragraph


@pytest.mark.parametrize("data", [
    NATIONAL_TITLE.encode("utf-8"),
    b"\xef\xbb\xbf" + NATIONAL_TITLE.encode("utf-8"),
    NATIONAL_TITLE.encode("utf-16"),
    b"\xfe\xff" + NATIONAL_TITLE.encode("utf-16-be"),
    NATIONAL_TITLE.encode("utf-16-le"),
    NATIONAL_TITLE.encode("utf-16-be"),
    unicodedata.normalize("NFD", NATIONAL_TITLE).encode("utf-8"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-be-bom", "utf16-le-no-bom", "utf16-be-no-bom", "utf8-nfd"])
def test_unicode_files(data: bytes) -> None:
    assert decode_bytes(data) == NATIONAL_TITLE


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:30])
def test_utf8_seeds_decode_to_their_normalised_text(seed: Path) -> None:
    data = seed.read_bytes()
    assert decode_bytes(data) == normalise_text(data.decode("utf-8"))


@pytest.mark.parametrize("seed", [SEED_QUYET_DINH_002, SEED_KE_HOACH_003], ids=["002-over-64KiB", "003"])
def test_whole_seed_in_vni_is_recognised(seed: Path) -> None:
    text = normalise_text(seed.read_text(encoding="utf-8"))
    assert decode_bytes(encode_legacy(text, "vni")) == text


@pytest.mark.parametrize("seed", [SEED_QUYET_DINH_002, SEED_KE_HOACH_003], ids=["002-over-64KiB", "003"])
def test_whole_seed_in_tcvn3_loses_only_the_case_of_toned_capitals(seed: Path) -> None:
    text = normalise_text(seed.read_text(encoding="utf-8"))
    decoded = decode_bytes(encode_legacy(text, "tcvn3"))
    assert decoded.lower() == text.lower()
    assert "KẾ HOẠCH" in decoded


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    paragraph = seed_paragraph(SEED_CHI_THI_000, "Những tồn tại, hạn chế trên")
    head, tail = paragraph.split(" nguyên nhân chủ quan là")
    data = head.encode("utf-8") + b" \x96" + (" nguyên nhân chủ quan là" + tail).encode("utf-8")
    assert decode_bytes(data) == f"{head} \ufffd nguyên nhân chủ quan là{tail}"


def test_saved_web_page_fragment() -> None:
    data = b"<td>Vi&#7879;t&nbsp;Nam &amp; S\xe1\xbb\x9f T\xc6\xb0 ph\xc3\xa1p</td>\r\n"
    assert decode_bytes(data) == "<td>Việt Nam & Sở Tư pháp</td>\n"


def test_western_text_in_cp1252_is_not_taken_for_vietnamese() -> None:
    assert decode_bytes("Café “Zürich” – 5 €".encode("cp1252")) == "Café “Zürich” – 5 €"


def test_empty_input_names_the_source() -> None:
    with pytest.raises(EmptyInputError, match="ke-hoach.txt"):
        decode_bytes(b"", "ke-hoach.txt")


@pytest.mark.parametrize("data", [b"   \r\n\t", b"\xef\xbb\xbf", "\u00a0\u200b".encode("utf-8")])
def test_no_text_is_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode_bytes(data, "blank.txt")


@pytest.mark.parametrize(("data", "words"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "NUL"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "NUL"),
    (bytes(range(1, 9)) * 20 + b"abc", "control"),
])
def test_binary_content_is_refused(data: bytes, words: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=words) as error:
        decode_bytes(data, "scan.txt")
    assert "scan.txt" in str(error.value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_bytes_returns_text_or_a_toolkit_error(data: bytes) -> None:
    try:
        result = decode_bytes(data)
    except TthcError:
        return
    assert isinstance(result, str) and result.strip()


# --- encode_legacy -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "encoding", "expected"), [
    ("Việt Nam", "tcvn3", b"Vi\xd6t Nam"),
    ("Việt Nam", "vni", b"Vie\xe4t Nam"),
    ("Đồng", "tcvn3", b"\xa7\xe5ng"),
    ("Đồng", "vni", b"\xd1o\xe0ng"),
    ("Ủy", "tcvn3", b"\xf1y"),       # no code for the capital: the .VnTimeH convention
    ("“Một cửa”", "tcvn3", b"\x93M\xe9t c\xf6a\x94"),
])
def test_encode_legacy(text: str, encoding: str, expected: bytes) -> None:
    assert encode_legacy(text, encoding) == expected


@pytest.mark.parametrize(("text", "encoding", "culprit"), [
    ("Noël", "vni", "ë"),      # 0xEB is a VNI tone byte
    ("Hà Nội 北", "tcvn3", "北"),
    ("chú thích¹", "tcvn3", "¹"),   # 0xB9 is "ạ" in TCVN3
])
def test_unencodable_character_is_named(text: str, encoding: str, culprit: str) -> None:
    with pytest.raises(DataError, match=culprit):
        encode_legacy(text, encoding)


def test_unknown_legacy_encoding() -> None:
    with pytest.raises(DataError, match="viscii"):
        encode_legacy("Việt Nam", "viscii")


# --- data files ----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_table_is_one_to_one_where_it_must_be(encoding: str) -> None:
    rows = legacy_table(encoding)
    both = [row for row in rows if row.use == "both"]
    assert len({row.sequence for row in both}) == len(both)
    assert len({row.char for row in both}) == len(both)
    readable = [row.sequence for row in rows if row.use != "encode"]
    assert len(set(readable)) == len(readable)
    writable = [row.char for row in rows if row.use != "decode"]
    assert len(set(writable)) == len(writable)
    both_sequences = {row.sequence for row in both}
    assert all(row.sequence in both_sequences for row in rows if row.use == "encode")
    for row in rows:
        assert len(row.char) == 1 and unicodedata.is_normalized("NFC", row.char)
        assert any(byte >= 0x80 for byte in row.sequence)


def test_tables_cover_the_134_letters() -> None:
    assert len(LOWER_LETTERS) == len(UPPER_LETTERS) == 67
    vni_both = {row.char for row in legacy_table("vni") if row.use == "both"}
    assert vni_both == set(LOWER_LETTERS) | set(UPPER_LETTERS)
    tcvn3 = legacy_table("tcvn3")
    tcvn3_both = {row.char for row in tcvn3 if row.use == "both"}
    assert tcvn3_both == set(LOWER_LETTERS) | set("ĂÂÊÔƠƯĐ")
    # TCVN3 has no code for the 60 capitals with a tone mark: they are written lower case.
    lossy = {row.char for row in tcvn3 if row.use == "encode"}
    assert lossy == set(UPPER_LETTERS) - set("ĂÂÊÔƠƯĐ") and len(lossy) == 60


def test_vni_decode_only_rows_are_capital_base_with_lower_case_mark() -> None:
    for row in legacy_table("vni"):
        if row.use == "decode":
            base, mark = row.sequence.decode("cp1252")
            assert base.isupper() and mark.islower() and row.char.isupper()


def test_syllable_inventory() -> None:
    parts = yaml.safe_load((DATA / "legacy_encodings" / "syllables.yaml").read_text(encoding="utf-8"))
    assert all(isinstance(value, (str, list)) for value in parts.values())
    rhymes = [rhyme for group in parts["rhymes"] for rhyme in group.split()]
    onsets = parts["onsets"].split()
    assert len(set(rhymes)) == len(rhymes) and len(set(onsets)) == len(onsets)
    for item in rhymes + onsets:
        assert item == item.lower() and unicodedata.is_normalized("NFC", item)
        assert not set(unicodedata.normalize("NFD", item)) & set(TONES)
    assert set(parts["stop_codas"].split()) == {"c", "ch", "p", "t"}
    assert set(parts["front_only"].split()) | set(parts["never_front"].split()) <= set(onsets)
    assert {"oa", "oe", "uy", "ương", "uyên", "iêng"} <= set(rhymes)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:30])
def test_seed_words_are_recognised_as_vietnamese(seed: Path) -> None:
    assert vietnamese_score(seed.read_text(encoding="utf-8")) > 0.97


@pytest.mark.parametrize(("garbled", "right"), [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", NATIONAL_TITLE),       # TCVN3 read as cp1252
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", NATIONAL_TITLE),  # VNI read as cp1252
    ("Viá»‡t Nam, thá»§ tá»¥c", "Việt Nam, thủ tục"),              # UTF-8 read as cp1252
])
def test_vietnamese_score_tells_garbled_from_right(garbled: str, right: str) -> None:
    assert vietnamese_score(garbled) < 0.5
    assert vietnamese_score(right) == 1.0


@pytest.mark.parametrize(("text", "score"), [
    ("kế hoạch, nghĩa vụ, ngày, cá", 1.0),
    ("céng ngħa", 0.0),
    ("UBND TTHC 2024", 0.0),
    ("hoá hóa", 1.0),
    ("tốt bác", 1.0),
    ("tồt bàc", 0.0),       # a stop closes only a sắc or nặng syllable
])
def test_vietnamese_score(text: str, score: float) -> None:
    assert vietnamese_score(text) == score
