"""Tests of tthc_docs.text.normalise: canonical text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED_QUYET_DINH_002, SEEDS
from tthc_docs.text.normalise import normalise_text

DATA = ROOT / "tthc_docs" / "data"


# --- normalise_text: tone placement --------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("hoá", "hóa"), ("hoà", "hòa"), ("toà", "tòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"), ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("HOÁ", "HÓA"),
    ("4. Số hoá hồ sơ, kết quả", "4. Số hóa hồ sơ, kết quả"),   # seed 002
    ("bãi bỏ, huỷ bỏ thuộc", "bãi bỏ, hủy bỏ thuộc"),          # seed 002
    ("Thường trực Tỉnh uỷ (để b/c)", "Thường trực Tỉnh ủy (để b/c)"),  # seed 003
    ("tuỳ theo", "tùy theo"), ("Thuỵ", "Thụy"), ("hoà.", "hòa."), ("(hoá)", "(hóa)"),
    ("qúy", "quý"), ("Qủa", "Quả"), ("qúan", "quán"),
    (unicodedata.normalize("NFD", "số hoá"), "số hóa"),
])
def test_tone_mark_moves_to_the_first_vowel_of_an_open_diphthong(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize("text", [
    "hóa", "hòa", "hỏa", "thủy", "Ủy", "khỏe", "quý", "Quý I/2025", "quỳ", "quả",
    "hoàn thành", "toán", "quyết định", "khuyến khích", "kiểm soát", "kế hoạch", "khoản",
    "ngoài", "Hoàng", "khuỷu tay", "ngoẹo", "thuế", "khoảng", "Huỳnh", "xoá" + "n",
])
def test_syllables_already_in_style_are_left_alone(text: str) -> None:
    assert normalise_text(text) == text


# --- normalise_text: characters, spaces, lines --------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Sở\u00a0Tư\u00a0pháp", "Sở Tư pháp"),
    ("Sở\u202fTư\u2009pháp\u3000", "Sở Tư pháp "),
    ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
    ("Kế\u200b hoạch\ufeff số\u2060 5755", "Kế hoạch số 5755"),
    ("thủ tục hành\u00ad chính", "thủ tục hành chính"),
    ("Trước  ngày   15/12/2024", "Trước ngày 15/12/2024"),
    ("1.\tTối thiểu\t\tVăn phòng UBND tỉnh.\n\n\tThường xuyên",
     "1.\tTối thiểu\t\tVăn phòng UBND tỉnh.\n\n\tThường xuyên"),
    ("điện tử... phục vụ…", "điện tử... phục vụ…"),
    ("“Sở Tư pháp” và ‘Sở Y tế’", "“Sở Tư pháp” và ‘Sở Y tế’"),
    ("dòng 1\x0bdòng 2\u2028dòng 3", "dòng 1\ndòng 2\ndòng 3"),
    ("trang 1\x0ctrang 2", "trang 1\x0ctrang 2"),
    ("ký tự\x01 điều khiển\x7f", "ký tự điều khiển"),
    ("\u00d0ồng Tháp", "Đồng Tháp"),
])
def test_characters_spaces_and_lines(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội"),
    ("Sở Lao động — Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội"),
    ("Sở Lao động \u2212 Thương binh", "Sở Lao động – Thương binh"),
    ("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("Năm 2023–2025", "Năm 2023-2025"),
    ("LĐ\u2010TB&XH", "LĐ-TB&XH"),
    ("– Sở Tư pháp: 27,51%", "- Sở Tư pháp: 27,51%"),
    ("mục:\n  — Sở Y tế", "mục:\n - Sở Y tế"),
    ("Quý IV/ 2021 –\tQuý I", "Quý IV/ 2021 -\tQuý I"),
])
def test_dashes_are_unified(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sở&nbsp;Tư pháp", "Sở Tư pháp"),
    ("Sở TT&amp;TT", "Sở TT&TT"),
    ("&lt;ol&gt;&lt;li&gt;", "<ol><li>"),
    ("&amp;lt;ul&amp;gt;", "<ul>"),
    ("Vi&#7879;t Nam, Vi&#x1EC7;t Nam", "Việt Nam, Việt Nam"),
    ("&quot;Một cửa&quot;", '"Một cửa"'),
    ("Sở TT&TT, Sở KH&ĐT, LĐ-TB&XH", "Sở TT&TT, Sở KH&ĐT, LĐ-TB&XH"),
    ("R&D; Sở TN&MT;", "R&D; Sở TN&MT;"),
    ("&amp", "&amp"),
    ("Kế hoạch&shy;số", "Kế hoạchsố"),
])
def test_stray_html_entities_are_decoded(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:30])
def test_seeds_keep_their_lines_and_tabs(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    result = normalise_text(text)
    assert result.count("\n") == text.count("\n")
    assert result.count("\t") == text.count("\t")
    assert normalise_text(result) == result


def test_seed_002_spelling_is_unified() -> None:
    result = normalise_text(SEED_QUYET_DINH_002.read_text(encoding="utf-8"))
    assert "hoá" not in result and "huỷ" not in result
    assert "Số hóa hồ sơ" in result


# Pieces that exercise the interacting rules: entities, invisible characters, spaces, dashes,
# diphthongs, "qu", combining marks, line breaks.
PIECES = st.sampled_from([
    "o", "O", "u", "U", "q", "Q", "a", "á", "à", "ẻ", "ỷ", "Ỷ", "y", "e", "n", "h", "ú", "ủ",
    "\u0301", "\u0323", "\u0302", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u200b", "\u00ad",
    "\x0b", "\u2028", "–", "—", "-", "\u2212", "&", "amp;", "&amp;", "lt;", "#38;", "#x26;",
    "nbsp;", "#8203;", "#13;", "&#7879;", "Ð", "\ufeff", "\x00", "\x85", ";", "K", "\u212a",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_normalise_text_is_idempotent_on_tricky_pieces(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalise_text_is_idempotent_on_any_text(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


# --- data files ----------------------------------------------------------------------------

def test_tone_style_file() -> None:
    style = yaml.safe_load((DATA / "tone_style.yaml").read_text(encoding="utf-8"))
    assert style["open_diphthongs"] == ["oa", "oe", "uy"]
    assert style["consonant_u_after"] == "q"
