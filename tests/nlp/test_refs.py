"""find_legal_refs and count_refs: citations of decrees, decisions, circulars, letters, laws.

Counts on whole seeds were checked by grep on the files (allowing the stray space after
the hyphen: grep -o "240/QĐ- \\?TTg")."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import (
    SEED_CHI_THI_000, SEED_CONG_VAN_004, SEED_KE_HOACH_003, SEED_PHU_LUC_001, SEED_QUYET_DINH_002, SEEDS,
)
from tthc_docs.errors import InputError, TthcError
from tthc_docs.models import LegalRef
from tthc_docs.nlp.refs import count_refs, find_legal_refs, load_vocabulary

# (text, id, type, number, year, code, issuer, date)
SINGLE_REFS = [
    ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
     "61/2018/NĐ-CP", "Nghị định", "61", 2018, "NĐ-CP", "Chính phủ", date(2018, 4, 23)),
    ("Quyết định số 766/QĐ-TTg",
     "766/QĐ-TTg", "Quyết định", "766", None, "QĐ-TTg", "Thủ tướng Chính phủ", None),
    ("Quyết định số 766/QĐ-TTg ngày 23 tháng 06 năm 2022 của Thủ tướng Chính phủ",
     "766/QĐ-TTg", "Quyết định", "766", 2022, "QĐ-TTg", "Thủ tướng Chính phủ", date(2022, 6, 23)),
    ("Thông tư số 01/2023/TT-VPCP",
     "01/2023/TT-VPCP", "Thông tư", "01", 2023, "TT-VPCP", "Văn phòng Chính phủ", None),
    ("Công văn số 627/UBND-VP ngày 26/02/2024 của Chủ tịch UBND tỉnh",
     "627/UBND-VP", "Công văn", "627", 2024, "UBND-VP", "Chủ tịch UBND tỉnh", date(2024, 2, 26)),
    ("Kế hoạch số 5755/KH-UBND", "5755/KH-UBND", "Kế hoạch", "5755", None, "KH-UBND", "Ủy ban nhân dân", None),
    ("Nghị quyết số 01/NQ-CP", "01/NQ-CP", "Nghị quyết", "01", None, "NQ-CP", "Chính phủ", None),
    ("Chỉ thị số 27/CT-TTg", "27/CT-TTg", "Chỉ thị", "27", None, "CT-TTg", "Thủ tướng Chính phủ", None),
    ("Công điện số 131/CĐ-TTg ngày 11 tháng 12 năm 2024",
     "131/CĐ-TTg", "Công điện", "131", 2024, "CĐ-TTg", "Thủ tướng Chính phủ", date(2024, 12, 11)),
    ("Thông báo 434/TB-VPCP ngày 25/09/2024",
     "434/TB-VPCP", "Thông báo", "434", 2024, "TB-VPCP", "Văn phòng Chính phủ", date(2024, 9, 25)),
    ("Quyết định 876/QĐ- BNV năm 2022 của Bộ Nội vụ",
     "876/QĐ-BNV", "Quyết định", "876", 2022, "QĐ-BNV", "Bộ Nội vụ", None),
    ("Thông tư số 26/2019/TT-BTC ngày 10/05/2019 của Bộ trưởng Bộ Tài chính",
     "26/2019/TT-BTC", "Thông tư", "26", 2019, "TT-BTC", "Bộ trưởng Bộ Tài chính", date(2019, 5, 10)),
    ("Quyết định số 409/QĐ-BNN-VP ngày 25/01/2024 của Bộ Nông nghiệp và Phát triển nông thôn;",
     "409/QĐ-BNN-VP", "Quyết định", "409", 2024, "QĐ-BNN-VP", "Bộ Nông nghiệp và Phát triển nông thôn",
     date(2024, 1, 25)),
    ("Quyết định số 3723/QĐ-BVHTTDL ngày 05/12/2023 của Bộ Văn hóa, Thể thao và Du lịch",
     "3723/QĐ-BVHTTDL", "Quyết định", "3723", 2023, "QĐ-BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch",
     date(2023, 12, 5)),
    ("Công văn số 1892/VPCP-KSTT ngày 23/3/2024",
     "1892/VPCP-KSTT", "Công văn", "1892", 2024, "VPCP-KSTT", "Văn phòng Chính phủ", date(2024, 3, 23)),
    # "Văn bản" is too general: the code says it is a letter
    ("Theo hướng dẫn tại Văn bản số 388/UBND- TH ngày 21/4/2022",
     "388/UBND-TH", "Công văn", "388", 2022, "UBND-TH", "Ủy ban nhân dân", date(2022, 4, 21)),
    ("Nghị quyết 202/2025/QH15", "202/2025/QH15", "Nghị quyết", "202", 2025, "QH15", "Quốc hội", None),
    ("Nghị quyết số 18-NQ/TW ngày 25/10/2017",
     "18-NQ/TW", "Nghị quyết", "18", 2017, "NQ/TW", "Ban Chấp hành Trung ương", date(2017, 10, 25)),
    # a law cited by name and number
    ("Luật Đất đai số 45/2013/QH13", "45/2013/QH13", "Luật", "45", 2013, "QH13", "Quốc hội", None),
]


@pytest.mark.parametrize(("text", "ref_id", "kind", "number", "year", "code", "issuer", "when"), SINGLE_REFS)
def test_single_reference(text: str, ref_id: str, kind: str, number: str, year: int | None, code: str,
                          issuer: str, when: date | None) -> None:
    (ref,) = find_legal_refs(text)
    assert (ref.id, ref.type, ref.number, ref.year, ref.code, ref.issuer, ref.date) == (
        ref_id, kind, number, year, code, issuer, when)


@pytest.mark.parametrize(("text", "ref_id"), [
    ("Thông tư số 01/2023/TT- VPCP", "01/2023/TT-VPCP"),
    ("Kế hoạch số 712/KH- UBND ngày 18/11/2020", "712/KH-UBND"),
    ("Nghị định 09/2019/NĐ- CP năm 2019", "09/2019/NĐ-CP"),
    ("Quyết định số 240/QĐ- TTg của Thủ tướng", "240/QĐ-TTg"),
    ("Quyết định số 1085/QĐTTg ngày 15 tháng 9 năm 2022", "1085/QĐ-TTg"),
    ("Nghị định số 61/2018/NÐ-CP", "61/2018/NĐ-CP"),       # look-alike Ð (U+00D0)
    ("Quyết định số 766/QD-TTG", "766/QĐ-TTg"),             # without diacritics, upper case
    ("Quyết định số 766 / QĐ-TTg", "766/QĐ-TTg"),
])
def test_id_is_canonical(text: str, ref_id: str) -> None:
    assert [r.id for r in find_legal_refs(text)] == [ref_id]


@pytest.mark.parametrize(("text", "kind", "issuer"), [
    ("theo 107/2021/NĐ-CP", "Nghị định", "Chính phủ"),
    ("tại 31/2021/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
    ("tại 01/2018/TT-VPCP", "Thông tư", "Văn phòng Chính phủ"),
    ("tại 02/NQ-CP", "Nghị quyết", "Chính phủ"),
    ("theo 18/CT-UBND", "Chỉ thị", "Ủy ban nhân dân"),
    ("theo 36/KH-UBND", "Kế hoạch", "Ủy ban nhân dân"),
    ("theo 644/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ"),
    ("theo 434/TB-VPCP", "Thông báo", "Văn phòng Chính phủ"),
    ("theo 3224/UBND-TTHC", "Công văn", "Ủy ban nhân dân"),
    ("theo 6936/VPCP-KSTT", "Công văn", "Văn phòng Chính phủ"),
    ("theo 123/BC-UBND", "Báo cáo", "Ủy ban nhân dân"),
])
def test_bare_code_infers_type_and_issuer(text: str, kind: str, issuer: str) -> None:
    (ref,) = find_legal_refs(text)
    assert (ref.type, ref.issuer) == (kind, issuer)


def test_list_sharing_the_type_word() -> None:
    # seed 004, item 1a
    text = ("theo quy định Thông tư số 02/2017/TT-VPCP ngày 31/10/2017, 01/2018/TT-VPCP ngày 23/11/2018 "
            "của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ. Trong đó")
    refs = find_legal_refs(text)
    assert [(r.id, r.type, r.date, r.issuer) for r in refs] == [
        ("02/2017/TT-VPCP", "Thông tư", date(2017, 10, 31), "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"),
        ("01/2018/TT-VPCP", "Thông tư", date(2018, 11, 23), "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"),
    ]


def test_list_after_so_colon_dates_only_the_last() -> None:
    # seed 004, item 3a
    refs = find_legal_refs("theo Nghị quyết số: 01/NQ-CP, 02/NQ-CP ngày 05/01/2024 của Chính phủ², cụ thể:")
    assert [(r.id, r.type, r.date) for r in refs] == [
        ("01/NQ-CP", "Nghị quyết", None), ("02/NQ-CP", "Nghị quyết", date(2024, 1, 5))]
    assert [r.issuer for r in refs] == ["Chính phủ", "Chính phủ"]


def test_cua_after_a_comma_belongs_to_the_next_clause() -> None:
    # seed 000, item 5: "của Văn phòng Chính phủ" governs the Thông tư, not Nghị định 107
    text = ("theo đúng quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP và Nghị định số "
            "107/2021/NĐ-CP, của Văn phòng Chính phủ tại Thông tư số 01/2023/TT-VPCP;")
    assert [(r.id, r.issuer) for r in find_legal_refs(text)] == [
        ("45/2020/NĐ-CP", "Chính phủ"), ("107/2021/NĐ-CP", "Chính phủ"), ("01/2023/TT-VPCP", "Văn phòng Chính phủ")]


def test_unknown_body_after_cua_falls_back_to_the_code() -> None:
    # seed 002 has the typos "Thủ tướng Chính phê duyệt" and "củ Chính phủ"
    (ref,) = find_legal_refs("Quyết định số 766/QĐ-TTg ngày 23 tháng 06 năm 2022 của Thủ tướng Chính phê duyệt Bộ chỉ số")
    assert ref.issuer == "Thủ tướng Chính phủ"
    assert ref.text == "Quyết định số 766/QĐ-TTg ngày 23 tháng 06 năm 2022"


@pytest.mark.parametrize(("text", "ref_id", "year", "when"), [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     "Luật Tổ chức chính quyền địa phương năm 2015", 2015, date(2015, 6, 19)),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền "
     "địa phương ngày 22 tháng 11 năm 2019;",
     "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền địa phương "
     "năm 2019", 2019, date(2019, 11, 22)),
    ("theo Luật Tổ chức chính quyền địa phương năm 2015,", "Luật Tổ chức chính quyền địa phương năm 2015", 2015, None),
    ("theo phân cấp của Luật Ngân sách nhà nước.", "Luật Ngân sách nhà nước", None, None),
    ("theo đúng quy định của Luật Ban hành văn bản quy phạm pháp luật. Sở Tư pháp",
     "Luật Ban hành văn bản quy phạm pháp luật", None, None),
    ("theo quy định của Luật Đầu tư công\n", "Luật Đầu tư công", None, None),
    ("theo Bộ luật Lao động năm 2019 và", "Bộ luật Lao động năm 2019", 2019, None),
])
def test_laws_cited_by_name(text: str, ref_id: str, year: int | None, when: date | None) -> None:
    (ref,) = find_legal_refs(text)
    assert (ref.id, ref.year, ref.date, ref.issuer, ref.number) == (ref_id, year, when, "Quốc hội", None)
    assert ref.type in ("Luật", "Bộ luật")


@pytest.mark.parametrize("text", [
    "Số: /CT-UBND",
    "(Kèm theo Chỉ thị số /CT-UBND ngày /11/2024 của Chủ tịch UBND tỉnh)",
    "Số: 242/QĐ-UBND |",
    "Số hiệu | 242/QĐ-UBND |",
    "Số: **2370**/UBND-TTHC",
    "Trước ngày 15/02/2024",
    "Quý I/2025",
    "đạt 85,76/100 điểm, xếp thứ 9/63",
    "Đề án 06",
    "(được ban hành theo quy định của pháp luật (Luật giao; Nghị quyết của Hội đồng nhân tỉnh))",
    "Luật sư tư vấn",
    "",
])
def test_not_references(text: str) -> None:
    assert find_legal_refs(text) == ()


def test_offsets_point_into_the_text_as_given() -> None:
    text = "Căn cứ **Nghị định số 61/2018/NĐ-CP** ngày 23/4/2018 của Chính phủ; theo 107/2021/NĐ- CP."
    refs = find_legal_refs(text)
    assert [r.text for r in refs] == ["Nghị định số 61/2018/NĐ-CP** ngày 23/4/2018 của Chính phủ", "107/2021/NĐ- CP"]
    assert all(text[r.start:r.end] == r.text for r in refs)


def test_offsets_survive_decomposed_input() -> None:
    text = unicodedata.normalize("NFD", "Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ.")
    (ref,) = find_legal_refs(text)
    assert ref.id == "766/QĐ-TTg" and ref.issuer == "Thủ tướng Chính phủ"
    assert text[ref.start:ref.end] == ref.text and ref.text.startswith(unicodedata.normalize("NFD", "Quyết"))


def _counts(path) -> dict[str, int]:
    return {ref.id: n for ref, n in count_refs(find_legal_refs(path.read_text(encoding="utf-8")))}


def test_seed_002_citations() -> None:
    counts = _counts(SEED_QUYET_DINH_002)
    assert {key: counts.get(key) for key in [
        "240/QĐ-TTg", "766/QĐ-TTg", "61/2018/NĐ-CP", "27/NQ-CP", "63/2010/NĐ-CP", "01/NQ-CP", "02/NQ-CP",
        "92/2017/NĐ-CP", "107/2021/NĐ-CP", "27/CT-TTg", "131/CĐ-TTg", "16/CT-TTg", "01/2023/TT-VPCP",
    ]} == {"240/QĐ-TTg": 15, "766/QĐ-TTg": 14, "61/2018/NĐ-CP": 8, "27/NQ-CP": 7, "63/2010/NĐ-CP": 6,
           "01/NQ-CP": 6, "02/NQ-CP": 6, "92/2017/NĐ-CP": 5, "107/2021/NĐ-CP": 4, "27/CT-TTg": 4,
           "131/CĐ-TTg": 3, "16/CT-TTg": 2, "01/2023/TT-VPCP": 2}
    # 7 occurrences of 242/QĐ-UBND, three of them its own number ("Số hiệu |", "Số:" twice)
    assert counts["242/QĐ-UBND"] == 4
    assert counts["Luật Tổ chức chính quyền địa phương năm 2015"] == 2  # the decision text is there twice
    assert "Luật giao" not in " ".join(counts)


def test_seed_002_most_cited_first_with_complete_representative() -> None:
    ranked = count_refs(find_legal_refs(SEED_QUYET_DINH_002.read_text(encoding="utf-8")))
    top, n = ranked[0]
    assert (top.id, n, top.date, top.issuer) == ("240/QĐ-TTg", 15, date(2025, 2, 4), "Thủ tướng Chính phủ")
    assert [count for _, count in ranked] == sorted((count for _, count in ranked), reverse=True)


def test_seed_004_citations() -> None:
    counts = _counts(SEED_CONG_VAN_004)
    assert counts["01/2023/TT-VPCP"] == 3 and counts["01/NQ-CP"] == 2 and counts["766/QĐ-TTg"] == 2
    ministries = {"1405/QĐ-BGTVT", "3723/QĐ-BVHTTDL", "2471/QĐ-BTTTT", "409/QĐ-BNN-VP", "218/QĐ-BKHCN",
                  "157/QĐ-BXD", "179/QĐ-BNV", "665/QĐ-BTNMT", "565/QĐ-BTP"}  # footnote 3
    assert ministries <= set(counts)
    assert "2370/UBND-TTHC" not in counts  # the letter's own number
    assert len(counts) == 26


def test_seed_000_citations() -> None:
    counts = _counts(SEED_CHI_THI_000)
    assert counts == {"107/2021/NĐ-CP": 3, "01/2023/TT-VPCP": 2, "61/2018/NĐ-CP": 2,
                      "Luật Ban hành văn bản quy phạm pháp luật": 2, "139/QĐ-UBND": 1, "45/2020/NĐ-CP": 1,
                      "468/QĐ-TTg": 1, "766/QĐ-TTg": 1, "627/UBND-VP": 1}


def test_seed_001_and_003_citations() -> None:
    assert _counts(SEED_PHU_LUC_001) == {"01/NQ-CP": 2, "468/QĐ-TTg": 1, "5755/KH-UBND": 1, "Luật Đầu tư công": 1}
    counts = _counts(SEED_KE_HOACH_003)
    assert (counts["131/NQ-CP"], counts["02/NQ-CP"], counts["422/QĐ-TTg"], counts["1085/QĐ-TTg"]) == (5, 3, 2, 1)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_offsets_and_types(seed) -> None:
    text = seed.read_text(encoding="utf-8")
    for ref in find_legal_refs(text):
        assert text[ref.start:ref.end] == ref.text
        assert ref.type is not None and ref.issuer is not None


def _ref(ref_id: str, kind: str | None = None) -> LegalRef:
    return LegalRef(text=ref_id, id=ref_id, type=kind)


def test_count_refs_orders_by_count_then_first_appearance() -> None:
    refs = [_ref("A"), _ref("B"), _ref("C"), _ref("B"), _ref("C"), _ref("D")]
    assert [(r.id, n) for r, n in count_refs(refs)] == [("B", 2), ("C", 2), ("A", 1), ("D", 1)]


def test_count_refs_groups_ignoring_case_and_keeps_most_complete() -> None:
    bare = LegalRef(text="766/QĐ-TTg", id="766/QĐ-TTg", type="Quyết định")
    dated = LegalRef(text="…", id="766/QĐ-TTg", type="Quyết định", year=2022, issuer="Thủ tướng Chính phủ",
                     date=date(2022, 6, 23))
    law = _ref("Luật Đất đai", "Luật")
    assert count_refs([bare, law, dated, _ref("luật  đất đai", "Luật")]) == ((dated, 2), (law, 2))
    assert count_refs([]) == ()


def test_not_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="NoneType"):
        find_legal_refs(None)  # type: ignore[arg-type]


_ALPHABET = st.sampled_from(list("aăâđêôơưbcdghklmnpqrstvxyáàảãạếềểễệốồổỗộớờởỡợ TĐQNCPUBHKV0123456789/-%:,.;\n*"))
_WORDS = st.sampled_from(["Nghị định số ", "Luật ", "ngày ", " tháng ", " năm ", "của ", "Chính phủ", "QĐ-TTg",
                          "/NĐ- CP", "/2018/", ", ", " và ", "Số: ", "Ð", "\u0301", "-NQ/TW", "sửa đổi"])


@settings(deadline=1000, max_examples=300)
@given(st.lists(st.one_of(_ALPHABET, _WORDS), max_size=80).map("".join))
def test_random_text_never_crashes(text: str) -> None:
    try:
        refs = find_legal_refs(text)
    except TthcError:
        return
    assert isinstance(refs, tuple)
    for ref in refs:
        assert text[ref.start:ref.end] == ref.text and ref.id
    assert sum(n for _, n in count_refs(refs)) == len(refs)


def test_vocabulary_integrity() -> None:
    data = load_vocabulary()
    types = set(data["types"])
    assert len(types) == len(data["types"])
    assert set(data["type_codes"].values()) <= types
    assert {data["letter_type"], *data["law_types"], *data["generic_types"]} <= types
    codes = set(data["type_codes"]) | set(data["issuer_codes"])
    assert not set(data["type_codes"]) & set(data["issuer_codes"])
    assert set(data["code_aliases"].values()) <= codes
    assert not set(data["code_aliases"]) & codes
    assert len(data["issuer_names"]) == len(set(data["issuer_names"]))
    for word in [*types, *codes, *data["issuer_codes"].values(), *data["issuer_names"], *data["issuer_titles"],
                 *data["law_name_stops"], *data["own_number_labels"], *data["not_laws"]]:
        assert word == unicodedata.normalize("NFC", word) == word.strip(), word
    assert all(stop == stop.lower() for stop in data["law_name_stops"])


# The shortcuts of find_legal_refs: a coded or party number needs a digit, a law named by its
# type needs the first word of a law type as written. Each text here gives what the scans
# without the shortcuts give.
THROUGH_THE_SHORTCUTS = [
    ("theo Nghị định số 61/2018/NĐ-CP", ["61/2018/NĐ-CP"]),
    ("Nghị quyết số 18-NQ/TW", ["18-NQ/TW"]),
    ("theo quy định của Luật Đầu tư công", ["Luật Đầu tư công"]),  # no digit: the law is still read
    ("các quy định của Bộ luật Lao động", ["Bộ luật Lao động"]),
    ("theo **Luật** Ngân sách nhà nước", ["Luật Ngân sách nhà nước"]),
]
WITHOUT_A_REFERENCE = [
    "Sở Tư pháp chủ trì, phối hợp các sở, ngành",
    "theo quy định của pháp luật",  # "luật" in lower case names no law
    "Văn phòng UBND tỉnh",
    "đạt 98% hồ sơ trong năm 2025",  # digits, but no "/"
]


def _unshortcut(text: str) -> list[str]:
    """The ids the three scans find with no shortcut taken."""
    from tthc_docs.nlp import refs

    v, clean = refs._vocab(), refs._Text(text).clean
    found = [f for m in refs._CODED.finditer(clean) if (f := refs._coded(m, clean, v, party=False))]
    found += [f for m in refs._PARTY.finditer(clean) if (f := refs._coded(m, clean, v, party=True))]
    laws = [f for m in v.law_head.finditer(clean) if (f := refs._law(m, clean, v))]
    return [f.ref.id for f in sorted(found + laws, key=lambda f: f.start)]


@pytest.mark.parametrize(("text", "ids"), THROUGH_THE_SHORTCUTS)
def test_references_are_found_through_the_shortcuts(text: str, ids: list[str]) -> None:
    assert [ref.id for ref in find_legal_refs(text)] == ids == _unshortcut(text)


class _Refused:
    """A pattern that must not be tried."""

    def finditer(self, text: str) -> None:
        raise AssertionError(f"scanned {text!r}")


@pytest.mark.parametrize("text", WITHOUT_A_REFERENCE)
def test_text_without_a_number_or_a_law_word_is_not_scanned(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from tthc_docs.nlp import refs

    assert _unshortcut(text) == []  # the full scans agree
    vocab = refs._vocab()
    monkeypatch.setattr(refs, "_CODED", _Refused())
    monkeypatch.setattr(refs, "_PARTY", _Refused())
    monkeypatch.setattr(refs, "_vocab", lambda: replace(vocab, law_head=_Refused()))
    assert find_legal_refs(text) == ()


def test_the_law_words_follow_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """A law type an expert adds to data/legal_refs.yaml is found without a digit."""
    from tthc_docs.nlp import refs

    data = load_vocabulary()
    monkeypatch.setattr(refs, "load_vocabulary", lambda: {**data, "law_types": [*data["law_types"], "Pháp lệnh"]})
    refs._vocab.cache_clear()
    try:
        assert [(r.id, r.type) for r in find_legal_refs("theo Pháp lệnh Thú y")] == [("Pháp lệnh Thú y", "Pháp lệnh")]
    finally:
        refs._vocab.cache_clear()
