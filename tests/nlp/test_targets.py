"""find_targets: percentages and counts with their comparator, unit and agency.

Expectations come from reading the seeds and domain.md, not from running the code."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_CHI_THI_000, SEED_CONG_VAN_004, SEED_PHU_LUC_001, SEED_QUYET_DINH_002
from tthc_docs.errors import InputError, TthcError
from tthc_docs.models import COMPARATORS, Target
from tthc_docs.nlp.targets import _vocab, find_targets, load_vocabulary


def brief(targets: tuple[Target, ...]) -> list[tuple[str | None, float | None, str | None]]:
    return [(t.comparator, t.value, t.unit) for t in targets]


# (text, [(comparator, value, unit), …])
SINGLE_TARGETS = [
    ("đạt tối thiểu 98%", [("≥", 98, "%")]),
    ("ít nhất 50% trên tổng số thủ tục hành chính", [("≥", 50, "%")]),
    ("không dưới 90% hồ sơ", [("≥", 90, "%")]),
    ("tối thiểu từ 80% trở lên hồ sơ giải quyết TTHC", [("≥", 80, "%")]),
    ("Tỷ lệ đơn vị cấp xã cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính trên 35%", [(">", 35, "%")]),
    ("tăng hơn 10%", [(">", 10, "%")]),
    ("vượt 5%", [(">", 5, "%")]),
    ("Trường hợp lấy ý kiến cấp huyện, cấp xã thì không quá 15 ngày.", [("≤", 15, "ngày")]),
    ("xuống trung bình còn tối đa 30 phút/01lần đến giao dịch", [("≤", 30, "phút/lần")]),
    ("tối đa 15 phút/01 lượt giao dịch", [("≤", 15, "phút/lượt")]),
    ("không vượt quá 3 lần", [("≤", 3, "lần")]),
    ("dưới 50 điểm", [("<", 50, "điểm")]),
    ("đạt 100%", [("=", 100, "%")]),
    ("Đảm bảo 100% kết quả xử lý hồ sơ TTHC", [("=", 100, "%")]),
    ("Tối thiểu đạt 50% hồ sơ trực tuyến", [("≥", 50, "%")]),
    # Vietnamese decimals and thousands
    ("- Sở Công Thương: 12,3%", [("=", 12.3, "%")]),
    ("đã đồng bộ 719.569 hồ sơ (70,29%)", [("=", 719569, "hồ sơ"), ("=", 70.29, "%")]),
    ("lên mức tối thiểu 7.920 hồ sơ", [("≥", 7920, "hồ sơ")]),
    ("tỉnh mới có 62 hồ sơ TTHC (tỷ lệ 0,03%)", [("=", 62, "hồ sơ"), ("=", 0.03, "%")]),
    ("đạt 85.5%", [("=", 85.5, "%")]),
    # KPI cell whose unit sits in another column (seed 002, table 9.2)
    ("Tối thiểu 50", [("≥", 50, None)]),
    ("Tối thiểu 90", [("≥", 90, None)]),
    ("ít nhất 01 DVCTT do tỉnh cung cấp", [("≥", 1, "DVCTT")]),
    ("02 lần/năm", [("=", 2, "lần/năm")]),
    ("Chưa hoàn thành: 06 thủ tục hành chính công khai quá hạn", [("=", 6, "thủ tục hành chính")]),
]


@pytest.mark.parametrize(("text", "expected"), SINGLE_TARGETS)
def test_value_comparator_and_unit(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert brief(find_targets(text)) == expected  # "27,74" parses to the float literal 27.74 exactly


# Comparison signs (tester's genre run: Quảng Trị QĐ 512 and Cà Mau KH 210 KPI tables write "≥ 98"
# in the target column; other plans write the sign against the number or in ASCII).
SIGNED_TARGETS = [
    ("≥ 98 %", [("≥", 98, "%")]),
    ("≥98%", [("≥", 98, "%")]),
    (">= 98%", [("≥", 98, "%")]),
    ("≤ 5 ngày", [("≤", 5, "ngày")]),
    ("<= 5 ngày", [("≤", 5, "ngày")]),
    ("> 90%", [(">", 90, "%")]),
    ("< 10%", [("<", 10, "%")]),
    ("≥ 98", [("≥", 98, None)]),  # KPI cell, the unit "%" in its own column
    ("≥ 45", [("≥", 45, None)]),
    ("Tỷ lệ hồ sơ trễ hạn < 2%", [("<", 2, "%")]),
    ("Tỷ lệ giải quyết đúng hạn: ≥ 98%", [("≥", 98, "%")]),
]


@pytest.mark.parametrize(("text", "expected"), SIGNED_TARGETS, ids=[t for t, _ in SIGNED_TARGETS])
def test_comparison_signs(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert brief(find_targets(text)) == expected


def test_sign_text_is_kept_in_the_target() -> None:
    assert [t.text for t in find_targets("Tỷ lệ hồ sơ đúng hạn ≥98%")] == ["≥98%"]


@pytest.mark.parametrize("text", [
    "Trước ngày 15/02/2024",
    "Hoàn thành trước 15/9/2024 có báo cáo",
    "theo Nghị định số 61/2018/NĐ-CP ngày 23/4/2018",
    "Quý I/2025",
    "Trong tháng 01/2024",
    "1. Tập trung, ưu tiên nguồn lực",
    "9.4. Đạt loại tốt",
    "khoản 2 Điều 17, Điều 18 Nghị định số 61/2018/NĐ-CP",
    "đạt 85,76/100 điểm, xếp thứ 9/63 tỉnh, thành phố và thứ 2/13 trong khu vực",
    "Thường xuyên trong năm 2024",
    "02 đợt: 15/7 và 15/11 hàng năm",
    "Định kỳ 06 tháng/01 lần",
    "6 tháng đầu năm",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    "trên 02 hệ thống",
    "Theo dữ liệu trên Bộ Chỉ số 766, đến ngày 05/11/2024",
    "",
])
def test_not_targets(text: str) -> None:
    assert find_targets(text) == ()


@pytest.mark.parametrize("text", [
    "Thời hạn tham mưu công bố **trong 05 ngày làm việc kể từ thời điểm** các bộ, ngành cập nhật",
    "trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký quyết định công bố",
    "Nếu quá 01 ngày làm việc mà hồ sơ trực tuyến không được tiếp nhận",
    "Trong thời gian 10 ngày kể từ ngày tiếp nhận",
    "Thời hạn: 05 ngày làm việc",
    "Trước 01 ngày của hồ sơ đến hạn trả kết quả",
])
def test_durations_in_deadline_phrases_are_left_to_the_deadline_parser(text: str) -> None:
    assert find_targets(text) == ()


def test_deadline_duration_skipped_but_limit_kept() -> None:
    # seed 002, section 2 row: the first duration is a deadline, the second a ceiling
    text = ("Chậm nhất sau 10 ngày kể từ ngày có quyết định Công bố TTHC; danh mục TTHC của Chủ tịch "
            "UBND tỉnh. Trường hợp lấy ý kiến cấp huyện, cấp xã thì không quá 15 ngày.")
    assert brief(find_targets(text)) == [("≤", 15, "ngày")]


def test_per_agency_breakdown_after_a_colon() -> None:
    text = ("Hồ sơ TTHC được xử lý hoàn toàn trực tuyến: Sở, ban, ngành tỉnh: tối thiểu 85%; "
            "UBND huyện, thị xã, thành phố: tối thiểu 80%; Cả tỉnh: tối thiểu 80%;")
    assert [(t.agency, t.comparator, t.value, t.unit) for t in find_targets(text)] == [
        ("Sở, ban, ngành tỉnh", "≥", 85, "%"),
        ("UBND huyện, thị xã, thành phố", "≥", 80, "%"),
        ("Cả tỉnh", "≥", 80, "%"),
    ]


def test_per_agency_breakdown_in_dash_bullets() -> None:
    found = find_targets("- Sở Tư pháp: 27,74% - Sở Giao thông vận tải: 27,76%")
    assert [(t.agency, t.comparator, t.value) for t in found] == [
        ("Sở Tư pháp", "=", 27.74), ("Sở Giao thông vận tải", "=", 27.76)]


def test_agency_keeps_a_dash_inside_its_name() -> None:
    found = find_targets("- Sở Công Thương: 12,3% - Sở Lao động – Thương binh và Xã hội: 2,3% - Sở Xây dựng: 1,8%")
    assert [t.agency for t in found] == ["Sở Công Thương", "Sở Lao động – Thương binh và Xã hội", "Sở Xây dựng"]


@pytest.mark.parametrize("text", [
    "Thời hạn giải quyết: 85%",
    "Hồ sơ TTHC được xử lý hoàn toàn trực tuyến: tối thiểu 80%",
    "tối thiểu 80%",
])
def test_label_that_is_not_an_agency_is_not_kept(text: str) -> None:
    assert [t.agency for t in find_targets(text)] == [None]


def test_levels_in_parentheses_are_agencies() -> None:
    # seed 002, section I
    found = find_targets("Tỷ lệ đơn vị hành chính xếp loại TỐT trên 80% (cấp tỉnh: 88,24%, cấp huyện: 90,91%, cấp xã: 87,82%).")
    assert [(t.agency, t.comparator, t.value) for t in found] == [
        (None, ">", 80), ("cấp tỉnh", "=", 88.24), ("cấp huyện", "=", 90.91), ("cấp xã", "=", 87.82)]


def test_range_gives_two_targets_sharing_unit_and_text() -> None:
    found = find_targets("9.4. Đạt loại tốt (tối thiểu từ 80 đến dưới 90 điểm) theo bộ chỉ số")
    assert brief(found) == [("≥", 80, "điểm"), ("<", 90, "điểm")]
    assert found[0].text == found[1].text == "tối thiểu từ 80 đến dưới 90 điểm"


def test_range_upper_end_without_a_word_is_inclusive() -> None:
    assert brief(find_targets("từ 80% đến 90%")) == [("≥", 80, "%"), ("≤", 90, "%")]


def test_comparator_heading_a_list_applies_to_the_whole_sentence() -> None:
    # seed 001, row 36
    text = ("Năng suất tiếp nhận hồ sơ của nhân sự trực tại Bộ phận Một cửa các cấp trong 01 năm tăng "
            "tối thiểu: cấp tỉnh là 1.600 hồ sơ; vùng nông thôn 1.200 hồ sơ; vùng sâu, xa, đặc biệt khó "
            "khăn 800 hồ sơ (trừ trường hợp tổng số hồ sơ tiếp nhận trong năm/01 Bộ phận một cửa ít hơn chỉ tiêu trên)")
    assert brief(find_targets(text)) == [("≥", 1600, "hồ sơ"), ("≥", 1200, "hồ sơ"), ("≥", 800, "hồ sơ")]


def test_list_comparator_stops_at_the_end_of_the_sentence() -> None:
    found = find_targets("tăng tối thiểu: cấp tỉnh 1.600 hồ sơ. Năm 2021 có 500 hồ sơ")
    assert brief(found) == [("≥", 1600, "hồ sơ"), ("=", 500, "hồ sơ")]


@pytest.mark.parametrize(("text", "comparator"), [
    # "đạt" in a goal sentence means at least (seed 004 item 2a, with its typo "Phân đầu")
    ("riêng lĩnh vực đất đai phân đầu **đạt tỷ lệ 96%**", "≥"),
    ("Phấn đấu tỷ lệ hồ sơ đạt 95%", "≥"),
    ("đảm bảo tỷ lệ tiếp nhận đúng hạn đạt 99%", "≥"),
    ("Chỉ tiêu: tỷ lệ hồ sơ trực tuyến đạt 60%", "≥"),
    # … but 100% cannot be exceeded, and a report states a value
    ("Phấn đấu 100% cơ quan, đơn vị đạt loại tốt", "="),
    ("phải đạt 100%", "="),
    ("Đạt 80% người dân, doanh nghiệp khi thực hiện TTHC không phải cung cấp lại", "="),
    ("Kết quả năm 2024 đạt 85%. Phấn đấu năm 2025 cao hơn", "="),
])
def test_goal_sentences_turn_reach_into_at_least(text: str, comparator: str) -> None:
    assert [t.comparator for t in find_targets(text)] == [comparator]


def test_markdown_bold_is_ignored_in_the_text() -> None:
    found = find_targets("tỷ lệ TTHC có giao dịch thanh toán trực tuyến đạt **tối thiểu 90%**")
    assert [t.text for t in found] == ["đạt tối thiểu 90%"]


def test_decomposed_input_is_read_like_composed() -> None:
    text = "đạt tối thiểu 98%, Sở Tư pháp: 27,74%"
    assert find_targets(unicodedata.normalize("NFD", text)) == find_targets(text)


def test_seed_004_cong_van_targets() -> None:
    found = find_targets(SEED_CONG_VAN_004.read_text(encoding="utf-8"))
    at_least = [(t.value, t.text) for t in found if t.comparator == "≥"]
    # 2a twice, 2a second bullet, footnote 2, 3d twice, footnote 4 — all "phấn đấu"/"tối thiểu"
    assert at_least == [(98, "đạt tối thiểu 98%"), (96, "đạt tỷ lệ 96%"), (99, "đạt tối thiểu 99%"),
                        (80, "đạt tối thiểu 80%"), (90, "đạt tối thiểu 90%"), (95, "đạt tối thiểu 95%"),
                        (50, "đạt tối thiểu 50%")]
    assert all(t.unit == "%" for t in found if t.comparator == "≥")
    # none of its deadlines ("trong 05 ngày làm việc", "trước ngày 15/6/2024") is a target
    assert not [t for t in found if t.unit and "ngày" in t.unit]


def test_seed_000_appendix_notes_break_down_by_department() -> None:
    found = find_targets(SEED_CHI_THI_000.read_text(encoding="utf-8"))
    by_agency = {(t.agency, t.value) for t in found if t.agency}
    assert {("Sở Tư pháp", 27.74), ("Sở Tư pháp", 27.51), ("Sở Nông nghiệp và Phát triển nông thôn", 32.76),
            ("Sở Tài nguyên và Môi trường", 23.25), ("Sở Công Thương", 12.3), ("Sở Xây dựng", 1.8)} <= by_agency
    assert ("≥", 50, "%") in brief(found)  # row 9 "Tối thiểu đạt 50%"
    assert ("≥", 45, "%") in brief(found)  # row 10 "Tối thiểu đạt 45%"


def test_seed_002_kpi_cells_and_productivity_targets() -> None:
    found = find_targets(SEED_QUYET_DINH_002.read_text(encoding="utf-8"))
    assert ("≥", 50, None) in brief(found) and ("≥", 90, None) in brief(found)  # table 9.2
    assert brief(found).count(("≥", 7920, "hồ sơ")) == 2   # two rows for provincial staff
    assert brief(found).count(("≥", 5280, "hồ sơ")) == 1
    assert ("<", 90, "điểm") in brief(found)


def test_seed_001_decimal_free_plan_targets() -> None:
    found = brief(find_targets(SEED_PHU_LUC_001.read_text(encoding="utf-8")))
    assert ("≥", 95, "%") in found      # "chất lượng cung cấp dịch vụ công đạt tối thiểu 95%"
    assert ("≥", 30, "phút/hồ sơ") in found
    assert (">", 35, "%") in found


def test_every_target_has_a_known_comparator_and_its_text() -> None:
    for seed in (SEED_CHI_THI_000, SEED_CONG_VAN_004, SEED_QUYET_DINH_002):
        for target in find_targets(seed.read_text(encoding="utf-8")):
            assert target.comparator in COMPARATORS
            assert target.text and "*" not in target.text


def test_not_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="bytes"):
        find_targets(b"80%")  # type: ignore[arg-type]


_ALPHABET = st.sampled_from(list("aăâđêôơưbcdghklmnpqrstvxyáàảãạếềểễệốồổỗộớờởỡợúùủũụ TĐQ0123456789/-%:,.;\n*()"))
_WORDS = st.sampled_from(["tối thiểu ", "từ ", " đến dưới ", "trở lên", "đạt ", "phấn đấu ", "Sở Tư pháp: ",
                          "trong ", "ngày làm việc", "kể từ", "hồ sơ", "phút/01lần", "điểm", "(năm) "])


@settings(deadline=1000, max_examples=300)
@given(st.lists(st.one_of(_ALPHABET, _WORDS), max_size=80).map("".join))
def test_random_text_never_crashes(text: str) -> None:
    try:
        found = find_targets(text)
    except TthcError:
        return
    assert isinstance(found, tuple)
    assert all(isinstance(t, Target) and t.comparator in COMPARATORS for t in found)


def test_vocabulary_integrity() -> None:
    data = load_vocabulary()
    vocab = _vocab()
    strong, weak = data["comparators"]["strong"], data["comparators"]["weak"]
    assert not set(strong) & set(weak)
    assert set(strong.values()) | set(weak.values()) | set(data["after_comparators"].values()) <= set(COMPARATORS)
    names = [u["name"] for u in data["units"]]
    assert len(names) == len(set(names)) and "%" in names
    assert {"ngày", "ngày làm việc", "giờ", "giờ làm việc", "phút"} <= vocab.time_units
    assert set(data["per_units"]) and len(data["per_units"]) == len(set(data["per_units"]))
    assert len(data["agency_heads"]) == len(set(data["agency_heads"]))
    for words in (list(strong), list(weak), data["fillers"], data["goal_words"], data["agency_heads"],
                  data["deadline_cues"]["before"], names):
        for word in words:
            assert word == unicodedata.normalize("NFC", word) == word.strip(), word
    assert all(word == word.lower() for word in data["agency_heads"])
    marks = data["no_target_marks"]
    assert marks and len(marks) == len(set(marks)) and all(m == m.strip() and not any(c.isdigit() for c in m)
                                                             for m in marks)  # "0" is a target of zero


@pytest.mark.parametrize(("cell", "targets"), [
    ("-", []), ("x", []), ("X", []), ("–", []), ("…", []), (" - ", []),
    ("Tối thiểu 80%", [("≥", 80.0, "%")]),
    ("Đạt chuẩn", [(None, None, None)]),  # no number: kept as text
])
def test_a_target_cell_of_a_dash_or_a_cross_is_no_target(cell: str, targets: list) -> None:
    from tthc_docs.nlp.enrich import enrich
    from tthc_docs.models import Task

    task = enrich((Task(id="1", content="Tập huấn cán bộ", target_raw=cell),), ()).tasks[0]
    assert brief(task.targets) == targets
    assert task.target_raw == cell  # the cell stays as written


# The shortcut of find_targets: text without a digit holds no target, and is not scanned.
# Texts with digits (hidden in Markdown, after a list head, a range) are found as the full scan
# finds them; digitless ones hold comparators, units and list heads but no number.
THROUGH_THE_SHORTCUT = [
    "đạt **98**%",
    "Tối thiểu: cấp tỉnh 1.600 hồ sơ; cấp huyện 800 hồ sơ",
    "từ 80 đến dưới 90 điểm",
    "Sở Tư pháp: 27,74%",
    "tối đa 15 phút/01 lượt giao dịch",
]
DIGITLESS = [
    "Tối thiểu: cấp tỉnh một nghìn hồ sơ",
    "đạt tỷ lệ phần trăm cao nhất",
    "Đạt chuẩn",
    "Sở Tư pháp: không quá ba ngày làm việc",
    "",
]


@pytest.mark.parametrize("text", THROUGH_THE_SHORTCUT)
def test_texts_with_digits_are_scanned_whole(text: str) -> None:
    from tthc_docs.nlp.targets import _clean, _Scanner

    found = find_targets(text)
    assert found and found == tuple(_Scanner(_clean(text)).targets())


@pytest.mark.parametrize("text", DIGITLESS)
def test_texts_without_a_digit_are_not_scanned(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tthc_docs.nlp import targets

    assert tuple(targets._Scanner(targets._clean(text)).targets()) == ()  # the full scan agrees
    monkeypatch.setattr(targets, "_Scanner", None)  # a scan would fail
    assert find_targets(text) == ()
