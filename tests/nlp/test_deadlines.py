"""Tests of tthc_docs.nlp.deadlines: Vietnamese deadline cells read into Deadline values."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_CHI_THI_000, SEED_KE_HOACH_003, SEED_PHU_LUC_001, SEED_QUYET_DINH_002
from tthc_docs.errors import DataError, TthcError
from tthc_docs.models import DEADLINE_KINDS, Deadline, Milestone, Recurrence
from tthc_docs.nlp.deadline_phrases import DeadlinePhrase, find_deadline_phrases
from tthc_docs.nlp.deadlines import parse_deadline, vocabulary

D = date.fromisoformat
AN_GIANG_242 = D("2025-02-24")  # Quyết định 242/QĐ-UBND, 24/02/2025

# (text, document date, kind, due): the forms of domain.md's "Deadlines" section.
EXAMPLES = [
    ("Quý IV/ 2021", None, "period", "2021-12-31"),
    ("Quý I/2025", None, "period", "2025-03-31"),
    ("Trong tháng 01/2024", None, "period", "2024-01-31"),
    ("Tháng 5/2021", None, "period", "2021-05-31"),
    ("Trước ngày 15/02/2024.", None, "date", "2024-02-15"),
    ("Trước ngày 15/12/2024", None, "date", "2024-12-15"),
    ("chậm nhất ngày 15/11/2024", None, "date", "2024-11-15"),
    ("Hoàn thành trước 15/9/2024 có báo cáo", None, "date", "2024-09-15"),
    ("Thường xuyên", None, "ongoing", None),
    ("Ngày 05 hàng tháng", None, "recurring", None),
    ("02 đợt:15/7 và 15/11 hàng năm", None, "recurring", None),
    ("Sau khi có hướng dẫn của bộ, ngành Trung ương", None, "conditional", None),
    ("Tháng 12/2022, chậm nhất tháng 03/2023", None, "period", "2022-12-31"),
    ("Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ; Trong tháng 6, hoàn thành tái cấu trúc "
     "quy trình các TTHC nội bộ", AN_GIANG_242, "period", "2025-06-30"),
    ("6 tháng đầu năm", AN_GIANG_242, "period", "2025-06-30"),
    ("Năm 2025", None, "period", "2025-12-31"),
    ("Hết năm 2025", None, "period", "2025-12-31"),
    ("Trong Quý II năm 2025", None, "period", "2025-06-30"),
    ("Quý I, Quý II năm 2025 hoặc đột xuất", None, "period", "2025-06-30"),
    ("Định kỳ 06 tháng/01 lần", None, "recurring", None),
    ("hằng tháng", None, "recurring", None),
    ("hàng tháng", None, "recurring", None),
    ("Hàng quý", None, "recurring", None),
    ("Hàng tuần", None, "recurring", None),
    ("Thực hiện hàng năm", None, "recurring", None),
    ("Theo tiến độ Đề án 06", None, "conditional", None),
    ("Theo yêu cầu", None, "conditional", None),
    ("Ngay sau khi có quyết định công bố của Thủ tướng chính phủ", None, "conditional", None),
    ("Trong thời gian 10 ngày kể từ ngày tiếp nhận", None, "relative", None),
    ("trong 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", None, "relative", None),
    ("Trước 01 ngày của hồ sơ đến hạn trả kết quả", None, "relative", None),
    ("Chậm nhất sau 01 ngày, kể từ khi Sở Thông tin và Truyền thông hoàn thành thực hiện đồng bộ TTHC.",
     None, "relative", None),
    ("Trong thời gian 01 ngày sau khi Chủ tịch UBND tỉnh ký quyết định ban hành.", None, "relative", None),
    # seed 004 (Công văn 2370/UBND-TTHC) writes the number out after the digits
    ("trong thời hạn 05 (năm) ngày làm việc", None, "relative", None),
    ("trong 05 ngày làm việc kể từ thời điểm", None, "relative", None),
    ("cùng lúc với công bố", None, "conditional", None),
    ("trước ngày 15/6/2024", None, "date", "2024-06-15"),
    ("31/12/2025", None, "date", "2025-12-31"),
    ("Trước 30/3/2025", None, "date", "2025-03-30"),
    ("Trước ngày 30 tháng 4 năm 2025", None, "date", "2025-04-30"),
    # early March ends with the first ten-day "tuần" (thượng tuần)
    ("Dự kiến trong tháng 2 hoặc đầu tháng 3 năm 2025", None, "period", "2025-03-10"),
    ("Tháng 02 năm 2025", None, "period", "2025-02-28"),
    ("02 lần/năm", None, "recurring", None),
    ("Quý I hoặc Quý II 2025", None, "period", "2025-06-30"),
    ("Thường xuyên trong năm 2024", None, "ongoing", "2024-12-31"),
    ("Chậm nhất trong tháng 2/2024.", None, "period", "2024-02-29"),
    ("Chậm nhất trong tháng 2/2025.", None, "period", "2025-02-28"),
    ("QUÝ III NĂM 2025", None, "period", "2025-09-30"),
    ("Quí 3/2025", None, "period", "2025-09-30"),
    ("Sáu tháng cuối năm 2025", None, "period", "2025-12-31"),
    ("9 tháng đầu năm 2024", None, "period", "2024-09-30"),
    ("Cuối năm", D("2024-05-13"), "period", "2024-12-31"),
    ("Từ tháng 3 đến tháng 6/2025", None, "period", "2025-06-30"),
    ("ngày 15 tháng 02 năm 2024", None, "date", "2024-02-15"),
    ("15.3.2025", None, "date", "2025-03-15"),
    ("05/2025", None, "period", "2025-05-31"),
    ("Năm 2023 - 2025", None, "period", "2025-12-31"),
    ("Thực hiện năm 2021 và các năm tiếp theo", None, "ongoing", None),
    ("Sau khi Chính phủ ban hành Nghị quyết", None, "conditional", None),
    ("Báo cáo đột xuất", None, "conditional", None),
    # impossible days are skipped, not guessed
    ("31/02/2025", None, "none", None),
    ("Trước ngày 29/02/2025", None, "none", None),
    ("Trong tháng 13/2025", None, "none", None),
    ("Tham dự Hội nghị, Hội thảo, tọa đàm, …", None, "none", None),
    ("", None, "none", None),
    ("Nghị quyết số 01/NQ-CP ngày 08/01/2025", None, "none", None),
]


@pytest.mark.parametrize(("text", "reference", "kind", "due"), EXAMPLES, ids=[e[0][:40] for e in EXAMPLES])
def test_examples(text: str, reference: date | None, kind: str, due: str | None) -> None:
    deadline = parse_deadline(text, reference)
    assert (deadline.kind, deadline.due) == (kind, D(due) if due else None)


@pytest.mark.parametrize(("text", "recurrence"), [
    ("Ngày 05 hàng tháng", Recurrence("monthly", day=5)),
    ("trước ngày 20 hằng tháng", Recurrence("monthly", day=20)),
    ("02 đợt:15/7 và 15/11 hàng năm", Recurrence("yearly", dates=("07-15", "11-15"))),
    ("- 30/9 hằng năm\n- Theo Quyết định của Chủ tịch UBND tỉnh", Recurrence("yearly", dates=("09-30",))),
    ("Định kỳ 06 tháng/01 lần", Recurrence("monthly", interval=6)),
    ("Định kỳ 06 tháng/ 01 lần", Recurrence("monthly", interval=6)),
    ("Định kỳ 06 (sáu) tháng/01 lần", Recurrence("monthly", interval=6)),
    ("trước ngày 20 tháng 12 hằng năm", Recurrence("yearly", dates=("12-20",))),
    ("6 tháng một lần", Recurrence("monthly", interval=6)),
    ("02 lần/năm", Recurrence("monthly", interval=6)),  # twice a year: every six months
    ("01 lần/năm", Recurrence("yearly")),
    ("hằng tháng", Recurrence("monthly")),
    ("Hàng quý", Recurrence("quarterly")),
    ("Hàng tuần", Recurrence("weekly")),
    ("Thực hiện hàng năm", Recurrence("yearly")),
    ("Báo cáo định kỳ hàng quý, năm", Recurrence("quarterly")),
    ("Hàng quý (Theo Kế hoạch số 712/KH- UBND ngày 18/11/2020 của UBND tỉnh)", Recurrence("quarterly")),
])
def test_recurrence(text: str, recurrence: Recurrence) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.recurrence) == ("recurring", recurrence)


@pytest.mark.parametrize("text", ["Định kỳ/đột xuất", "Thực hiện định ký theo kỳ báo cáo Kiểm soát TTHC"])
def test_recurring_without_a_stated_frequency(text: str) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.recurrence) == ("recurring", None)


def test_yearly_dates_become_milestones_of_the_document_year() -> None:
    deadline = parse_deadline("02 đợt:15/7 và 15/11 hàng năm", D("2021-05-27"))
    assert [m.due for m in deadline.milestones] == [D("2021-07-15"), D("2021-11-15")]
    assert parse_deadline("02 đợt:15/7 và 15/11 hàng năm").milestones == ()


@pytest.mark.parametrize(("text", "reference", "milestones"), [
    ("Tháng 12/2022, chậm nhất tháng 03/2023", None, ["2022-12-31", "2023-03-31"]),
    ("Quý I, Quý II năm 2025 hoặc đột xuất", None, ["2025-03-31", "2025-06-30"]),
    ("Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ; Trong tháng 6, hoàn thành tái cấu trúc "
     "quy trình các TTHC nội bộ", AN_GIANG_242, ["2025-04-30", "2025-06-30"]),
    ("Tháng 12, tháng 01/2025", None, ["2024-12-31", "2025-01-31"]),  # a list runs in date order
    ("Quý I hoặc Quý II 2025", None, []),  # alternatives, not two rounds
    ("Dự kiến trong tháng 2 hoặc đầu tháng 3 năm 2025", None, []),
    ("Quý IV/2021", None, []),
])
def test_milestones(text: str, reference: date | None, milestones: list[str]) -> None:
    assert [m.due for m in parse_deadline(text, reference).milestones] == [D(m) for m in milestones]


def test_milestone_text_is_its_clause() -> None:
    deadline = parse_deadline("Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ; "
                              "Trong tháng 6, hoàn thành tái cấu trúc quy trình", AN_GIANG_242)
    assert deadline.milestones == (
        Milestone(D("2025-04-30"), "Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ"),
        Milestone(D("2025-06-30"), "Trong tháng 6, hoàn thành tái cấu trúc quy trình"),
    )


# The tester's genre run: "Tháng 6 và tháng 12 hằng năm" (Hà Tĩnh KH 96, task 5) is at the end
# of June and of December, every year.
@pytest.mark.parametrize(("text", "reference", "dates", "milestones"), [
    ("Tháng 6 và tháng 12 hằng năm", D("2024-03-12"), ("06-30", "12-31"), ["2024-06-30", "2024-12-31"]),
    ("Tháng 6 và tháng 12 hằng năm", None, ("06-30", "12-31"), []),
    ("02 đợt: 15/6 và 15/11 hàng năm", D("2024-04-08"), ("06-15", "11-15"), ["2024-06-15", "2024-11-15"]),
    ("Quý I hằng năm", D("2025-01-09"), ("03-31",), ["2025-03-31"]),
    ("Tháng 02 hằng năm", D("2024-01-10"), ("02-28",), ["2024-02-29"]),  # leap year: the real last day
])
def test_yearly_months_are_dated(text: str, reference: date | None, dates: tuple[str, ...],
                                 milestones: list[str]) -> None:
    deadline = parse_deadline(text, reference)
    assert (deadline.kind, deadline.due, deadline.recurrence) == ("recurring", None, Recurrence("yearly", dates=dates))
    assert [m.due for m in deadline.milestones] == [D(m) for m in milestones]


@pytest.mark.parametrize(("text", "condition"), [
    ("Sau khi có hướng dẫn của bộ, ngành Trung ương", "Sau khi có hướng dẫn của bộ, ngành Trung ương"),
    ("Sau khi có hướng dẫn của Văn phòng Chính phủ.", "Sau khi có hướng dẫn của Văn phòng Chính phủ"),
    ("Theo tiến độ Đề án 06", "Theo tiến độ Đề án 06"),
    ("Thường xuyên theo hướng dẫn của cơ quan Trung ương", "theo hướng dẫn của cơ quan Trung ương"),
    ("- 30/9 hằng năm\n- Theo Quyết định của Chủ tịch UBND tỉnh", "Theo Quyết định của Chủ tịch UBND tỉnh"),
    ("Hàng quý (Theo Kế hoạch số 712/KH- UBND ngày 18/11/2020 của UBND tỉnh)",
     "Theo Kế hoạch số 712/KH- UBND ngày 18/11/2020 của UBND tỉnh"),
    ("Thường xuyên", None),
    ("Thực hiện năm 2021 và các năm tiếp theo", None),  # "tiếp theo" is not "theo …"
    ("Quý IV/2021", None),
])
def test_condition(text: str, condition: str | None) -> None:
    assert parse_deadline(text).condition == condition


def test_dates_inside_legal_references_are_not_deadlines() -> None:
    deadline = parse_deadline("Theo Quyết định số 2794/QĐ-UBND ngày 20/10/2022 của UBND tỉnh Hải Dương "
                              "(giai đoạn 2023-2025).")
    assert (deadline.kind, deadline.due) == ("period", D("2025-12-31"))
    assert deadline.condition.startswith("Theo Quyết định số 2794/QĐ-UBND ngày 20/10/2022")


def test_missing_year_without_a_document_date_leaves_no_due() -> None:
    assert (parse_deadline("Trong tháng 4").kind, parse_deadline("Trong tháng 4").due) == ("period", None)
    assert parse_deadline("Trong tháng 4", D("2024-01-10")).due == D("2024-04-30")


def test_text_is_nfc_with_whitespace_collapsed() -> None:
    raw = unicodedata.normalize("NFD", "  - Quý II\n năm\t2025 ")
    deadline = parse_deadline(raw)
    assert deadline.text == "- Quý II năm 2025"
    assert deadline.due == D("2025-06-30")


@pytest.mark.parametrize(("text", "reference"), [(12, None), (None, None), ("Quý I/2025", "2025-02-24")])
def test_bad_arguments_raise_data_error(text: object, reference: object) -> None:
    with pytest.raises(DataError, match=repr(text) if not isinstance(text, str) else "2025-02-24"):
        parse_deadline(text, reference)  # type: ignore[arg-type]


# Every non-empty deadline cell of the seeds, read from the files: seed, task row, cell.
SEED_CELLS = [
    # SEED_CHI_THI_000
    ('000', '1', 'Trong tháng 01/2024'),
    ('000', '2', 'Trước ngày 15/02/2024'),
    ('000', '3', 'Trước ngày 15/02/2024.'),
    ('000', '4', 'Chậm nhất trong tháng 2/2024.'),
    ('000', '5', 'Thường xuyên trong năm 2024'),
    ('000', '6', 'Trước 15/9/2024 có báo cáo'),
    ('000', '7', 'Thường xuyên'),
    ('000', '8', 'Thường xuyên trong năm 2024'),
    ('000', '9', 'Thường xuyên trong năm 2024.'),
    ('000', '10', 'Thường xuyên trong năm 2024.'),
    ('000', '11', 'Thường xuyên trong năm 2024.'),
    ('000', '12', 'Thường xuyên trong năm 2024.'),
    ('000', '13', 'Thường xuyên trong năm 2024.'),
    # SEED_PHU_LUC_001
    ('001', '1', 'Tháng 5/2021'),
    ('001', '3', 'Sau khi có hướng dẫn của bộ, ngành Trung ương'),
    ('001', '4', 'Sau khi có hướng dẫn của bộ, ngành Trung ương'),
    ('001', '5', 'Quý IV/2021'),
    ('001', '6', 'Quý IV/ 2021'),
    ('001', '7', 'Sau khi có hướng dẫn của bộ, ngành Trung ương'),
    ('001', '8', 'Thường xuyên'),
    ('001', '9', 'Sau khi có hướng dẫn của bộ, ngành Trung ương'),
    ('001', '10', '02 đợt:15/7 và 15/11 hàng năm'),
    ('001', '11', 'Thường xuyên'),
    ('001', '12', 'Sau khi có hướng dẫn của Văn phòng Chính phủ và bộ, ngành Trung ương'),
    ('001', '13', 'Thường xuyên'),
    ('001', '14', 'Thực hiện hàng năm'),
    ('001', '15', 'Thường xuyên'),
    ('001', '16', 'Sau khi có hướng dẫn của Trung ương và kết quả rà soát, đánh giá'),
    ('001', '18', 'Thực hiện năm 2021 và các năm tiếp theo'),
    ('001', '22', 'Thực hiện năm 2021 và các năm tiếp theo'),
    ('001', '23', 'Thực hiện định ký theo kỳ báo cáo Kiểm soát TTHC'),
    ('001', '24', 'Thường xuyên'),
    ('001', '2', 'Sau khi có hướng dẫn của Văn phòng Chính phủ và bộ, ngành Trung ương'),
    ('001', '4', 'Sau khi có hướng dẫn của Văn phòng Chính phủ'),
    ('001', '5', 'Sau khi có hướng dẫn của Văn phòng Chính phủ'),
    ('001', '6', 'Thường xuyên'),
    # SEED_KE_HOACH_003
    ('003', '1', '- 30/9 hằng năm\n- Theo Quyết định của Chủ tịch UBND tỉnh'),
    ('003', '2', 'Theo Quyết định số 2794/QĐ-UBND ngày 20/10/2022 của UBND tỉnh Hải Dương (giai đoạn 2023-2025).'),
    ('003', '3', 'Thường xuyên'),
    ('003', '4', 'Sau khi có hướng dẫn của Văn phòng Chính phủ.'),
    ('003', '5', 'Thường xuyên theo hướng dẫn của cơ quan Trung ương'),
    ('003', '6', 'Thường xuyên'),
    ('003', '7', 'Tháng 12/2022'),
    ('003', '8', 'Trước ngày 31/12/2022.'),
    ('003', '9', 'Thường xuyên'),
    ('003', '10', 'Thường xuyên'),
    ('003', '11', 'Thường xuyên'),
    ('003', '12', 'Tháng 12/2022, chậm nhất tháng 03/2023.'),
    ('003', '13', 'Tháng 11/2022, chậm nhất tháng 03/2023'),
    ('003', '14', 'Theo tiến độ của Đề án 06'),
    ('003', '15', 'Thường xuyên'),
    ('003', '16', 'Thường xuyên'),
    ('003', '17', 'Thường xuyên'),
    ('003', '18', 'Thường xuyên'),
    ('003', '19', 'Thường xuyên'),
    ('003', '20', 'Sau khi có hướng dẫn của Bộ Nội vụ'),
    ('003', '21', 'Thường xuyên'),
    ('003', '22', 'Theo tiến độ Đề án 06 và Quyết định số 422/QĐ-TTg của Thủ tướng Chính phủ'),
    ('003', '23', 'Theo yêu cầu của Văn phòng Chính phủ'),
    ('003', '24', 'Theo tiến độ được giao'),
    ('003', '25', 'Thường xuyên'),
    ('003', '26', 'Thường xuyên'),
    ('003', '27', 'Tháng 6/2023'),
    ('003', '28', 'Thường xuyên'),
    ('003', '29', 'Thường xuyên'),
    ('003', '30', 'Tháng 9/2023'),
    ('003', '31', 'Theo tiến độ Nghị quyết số 02/NQ-CP'),
    ('003', '32', 'Thường xuyên'),
    ('003', '33', 'Thường xuyên'),
    ('003', '34', 'Thường xuyên'),
    # SEED_QUYET_DINH_002
    ('002', '1.1', 'Tháng 02 năm 2025'),
    ('002', '1.2', '24/02/2025'),
    ('002', '1.3', 'Quý I, Quý II năm 2025 hoặc đột xuất'),
    ('002', '1.4', 'Tháng 02 năm 2025'),
    ('002', '1.5', 'Tháng 02 năm 2025'),
    ('002', '1.6', 'Tháng 02 năm 2025'),
    ('002', '1.7', '02 lần/năm'),
    ('002', '1.8', '02 lần/năm'),
    ('002', '1.9', 'Tham dự Hội nghị, Hội thảo, tọa đàm, …'),
    ('002', '1.10', 'Dự kiến trong tháng 2 hoặc đầu tháng 3 năm 2025'),
    ('002', '1.11', 'Quý I hoặc Quý II 2025'),
    ('002', '2.1', 'Thường xuyên'),
    ('002', '2.2', 'Thường xuyên'),
    ('002', '2.3', 'Thường xuyên'),
    ('002', '2.4', 'Thường xuyên'),
    ('002', '2.5', 'Thường xuyên'),
    ('002', '2.6', 'Trước ngày 05/9/2025'),
    ('002', '2.7', 'Trước ngày 15/9/2025'),
    ('002', '2.8', 'Tháng 03 năm 2025'),
    ('002', '2.9', 'Tháng 03 năm 2025'),
    ('002', '2.10', 'Tháng 03 năm 2025 (ban hành danh mục)'),
    ('002', '2.11', 'Thường xuyên'),
    ('002', '2.12', 'Ngay sau khi có quyết định công bố của Thủ tướng chính phủ'),
    ('002', '2.13', 'Tháng 02 năm 2025'),
    ('002', '3.1', 'Thường xuyên'),
    ('002', '3.2', 'Thường xuyên'),
    ('002', '3.3', 'Thường xuyên'),
    ('002', '3.4', 'Thường xuyên'),
    ('002', '3.5', 'Thường xuyên'),
    ('002', '3.6', 'Ngay sau khi có quyết định công bố danh mục TTHC của Chủ tịch UBND tỉnh'),
    ('002', '3.7', 'Ngày 05 hàng tháng'),
    ('002', '3.8', 'Thường xuyên'),
    ('002', '3.9', 'Thường xuyên'),
    ('002', '3.10', 'Thường xuyên'),
    ('002', '3.11', 'Thường xuyên (Trước 01 ngày của hồ sơ đến hạn trả kết quả).'),
    ('002', '3.12', 'Thường xuyên'),
    ('002', '3.13', 'Năm 2025'),
    ('002', '3.14', 'Năm 2025'),
    ('002', '3.15', 'Quý II năm 2025'),
    ('002', '3.16', 'Năm 2025'),
    ('002', '3.17', 'Năm 2025'),
    ('002', '3.18', 'Năm 2025'),
    ('002', '3.19', 'Năm 2025'),
    ('002', '3.20', 'Định kỳ/đột xuất'),
    ('002', '3.21', 'Tháng 03 năm 2025'),
    ('002', '3.22', 'Tháng 03 năm 2025'),
    ('002', '4.1', 'Năm 2025'),
    ('002', '4.2', 'Thường xuyên'),
    ('002', '4.3', 'Thường xuyên'),
    ('002', '4.4', 'Thường xuyên'),
    ('002', '4.5', 'Thường xuyên'),
    ('002', '4.6', 'Thường xuyên'),
    ('002', '4.7', 'Thường xuyên'),
    ('002', '4.8', 'Thường xuyên'),
    ('002', '4.9', 'Thường xuyên'),
    ('002', '4.10', 'Thường xuyên'),
    ('002', '5.1', 'Thường xuyên'),
    ('002', '5.2', 'Trước 30/3/2025'),
    ('002', '5.3', '31/12/2025'),
    ('002', '5.4', 'Thường xuyên'),
    ('002', '5.5', 'Thường xuyên'),
    ('002', '5.6', 'Thường xuyên'),
    ('002', '5.7', 'Thường xuyên'),
    ('002', '5.8', 'Hàng tháng'),
    ('002', '5.9', 'Trước ngày 30 tháng 4 năm 2025'),
    ('002', '5.10', 'Trước ngày 30 tháng 4 năm 2025'),
    ('002', '5.11', 'Quý I năm 2025'),
    ('002', '5.12', 'Thường xuyên'),
    ('002', '5.13', 'Thường xuyên'),
    ('002', '6.1', 'Thường xuyên'),
    ('002', '6.2', 'Thường xuyên'),
    ('002', '6.3', 'Trong thời gian 10 ngày kể từ ngày tiếp nhận'),
    ('002', '6.4', 'Ngay sau khi có kết quả xử lý phản ánh, kiến nghị'),
    ('002', '7.1', 'Hàng tháng'),
    ('002', '7.2', 'Thường xuyên'),
    ('002', '7.3', 'Hàng tuần'),
    ('002', '7.4', 'Thường xuyên'),
    ('002', '7.5', 'Trước ngày 30/3/2025'),
    ('002', '8.1', 'Thường xuyên'),
    ('002', '8.2', 'Thường xuyên'),
    ('002', '8.3', 'Thường xuyên'),
    ('002', '8.4', 'Thường xuyên'),
    ('002', '8.5', 'Thường xuyên'),
    ('002', '8.6', 'Tháng 2 năm 2025'),
    ('002', '8.7', 'Định kỳ 06 tháng/ 01 lần'),
    ('002', '8.8', 'Quý I năm 2025'),
    ('002', '8.9', 'Hàng quý'),
    ('002', '8.10', 'Thường xuyên'),
    ('002', '8.11', 'Thường xuyên'),
    ('002', '8.12', 'Năm 2025'),
    ('002', '10.1', 'Hàng quý (Theo Kế hoạch số 712/KH- UBND ngày 18/11/2020 của UBND tỉnh)'),
    ('002', '10.2', 'Hàng quý'),
    ('002', '10.3', 'Hàng tháng'),
    ('002', '10.4', 'Theo yêu cầu'),
    ('002', '10.5', 'Chậm nhất trong Quý II năm 2025'),
    ('002', '10.6', 'Chậm nhất trong Quý II năm 2025'),
    ('002', '10.7', 'Năm 2025'),
    ('002', '11.1', 'Thường xuyên'),
    ('002', '11.2', 'Thường xuyên'),
    ('002', '11.3', 'Thường xuyên'),
    ('002', '11.4', 'Thường xuyên'),
    ('002', '11.5', 'Thường xuyên'),
    ('002', '11.6', 'Trong tháng 03 năm 2025'),
    ('002', '11.7', 'Trong tháng 03 năm 2025'),
    ('002', '11.8', 'Trong tháng 03 năm 2025'),
    ('002', '11.9', 'Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ; '
                    'Trong tháng 6, hoàn thành tái cấu trúc quy trình các TTHC nội bộ'),
    ('002', '12.1', 'Thường xuyên'),
    ('002', '12.2', 'Sau khi Chính phủ ban hành Nghị quyết'),
    ('002', '12.3', 'Sau khi có văn bản đề nghị của Văn phòng Chính phủ và Bộ Công an'),
    ('002', '12.4', 'Thường xuyên'),
    ('002', '12.5', 'Hết năm 2025'),
    ('002', '12.6', 'Hết năm 2025'),
    ('002', '12.7', 'Thường xuyên'),
    ('002', '12.8', 'Thường xuyên'),
    ('002', '12.9', 'Quý III năm 2025'),
    ('002', '12.10', 'Thường xuyên'),
    ('002', '12.11', 'Theo kế hoạch hoặc đột xuất theo chỉ đạo'),
    ('002', '13.1', 'Quý III năm 2025'),
    ('002', '13.2', 'Quý III năm 2025'),
    ('002', '13.3', 'Quý III năm 2025'),
    ('002', '13.4', 'Quý III năm 2025'),
]

SEED_FILES = {"000": SEED_CHI_THI_000, "001": SEED_PHU_LUC_001, "002": SEED_QUYET_DINH_002, "003": SEED_KE_HOACH_003}
SEED_DATES = {"000": D("2024-11-01"), "001": D("2021-05-27"), "002": AN_GIANG_242, "003": D("2022-12-07")}

# What each cell means, read by hand: (kind, due).
READING = {
    "- 30/9 hằng năm\n- Theo Quyết định của Chủ tịch UBND tỉnh": ("recurring", None),
    "02 lần/năm": ("recurring", None),
    "02 đợt:15/7 và 15/11 hàng năm": ("recurring", None),
    "24/02/2025": ("date", "2025-02-24"),
    "31/12/2025": ("date", "2025-12-31"),
    "Chậm nhất trong Quý II năm 2025": ("period", "2025-06-30"),
    "Chậm nhất trong tháng 2/2024.": ("period", "2024-02-29"),
    "Dự kiến trong tháng 2 hoặc đầu tháng 3 năm 2025": ("period", "2025-03-10"),
    "Hàng quý": ("recurring", None),
    "Hàng quý (Theo Kế hoạch số 712/KH- UBND ngày 18/11/2020 của UBND tỉnh)": ("recurring", None),
    "Hàng tháng": ("recurring", None),
    "Hàng tuần": ("recurring", None),
    "Hết năm 2025": ("period", "2025-12-31"),
    "Ngay sau khi có kết quả xử lý phản ánh, kiến nghị": ("conditional", None),
    "Ngay sau khi có quyết định công bố của Thủ tướng chính phủ": ("conditional", None),
    "Ngay sau khi có quyết định công bố danh mục TTHC của Chủ tịch UBND tỉnh": ("conditional", None),
    "Ngày 05 hàng tháng": ("recurring", None),
    "Năm 2025": ("period", "2025-12-31"),
    "Quý I hoặc Quý II 2025": ("period", "2025-06-30"),
    "Quý I năm 2025": ("period", "2025-03-31"),
    "Quý I, Quý II năm 2025 hoặc đột xuất": ("period", "2025-06-30"),
    "Quý II năm 2025": ("period", "2025-06-30"),
    "Quý III năm 2025": ("period", "2025-09-30"),
    "Quý IV/ 2021": ("period", "2021-12-31"),
    "Quý IV/2021": ("period", "2021-12-31"),
    "Sau khi Chính phủ ban hành Nghị quyết": ("conditional", None),
    "Sau khi có hướng dẫn của Bộ Nội vụ": ("conditional", None),
    "Sau khi có hướng dẫn của Trung ương và kết quả rà soát, đánh giá": ("conditional", None),
    "Sau khi có hướng dẫn của Văn phòng Chính phủ": ("conditional", None),
    "Sau khi có hướng dẫn của Văn phòng Chính phủ và bộ, ngành Trung ương": ("conditional", None),
    "Sau khi có hướng dẫn của Văn phòng Chính phủ.": ("conditional", None),
    "Sau khi có hướng dẫn của bộ, ngành Trung ương": ("conditional", None),
    "Sau khi có văn bản đề nghị của Văn phòng Chính phủ và Bộ Công an": ("conditional", None),
    # Seed 002, table 1, row 9: the cells of this row are shifted in the source, the deadline
    # column holds what was done ("Tham dự Hội nghị…"); it names no deadline.
    "Tham dự Hội nghị, Hội thảo, tọa đàm, …": ("none", None),
    # the task runs on the schedule of Quyết định 2794 in the period 2023-2025 (the period
    # wins, the schedule stays the condition); 20/10/2022 is the decision's date
    "Theo Quyết định số 2794/QĐ-UBND ngày 20/10/2022 của UBND tỉnh Hải Dương (giai đoạn 2023-2025).":
        ("period", "2025-12-31"),
    "Theo kế hoạch hoặc đột xuất theo chỉ đạo": ("conditional", None),
    "Theo tiến độ Nghị quyết số 02/NQ-CP": ("conditional", None),
    "Theo tiến độ của Đề án 06": ("conditional", None),
    "Theo tiến độ Đề án 06 và Quyết định số 422/QĐ-TTg của Thủ tướng Chính phủ": ("conditional", None),
    "Theo tiến độ được giao": ("conditional", None),
    "Theo yêu cầu": ("conditional", None),
    "Theo yêu cầu của Văn phòng Chính phủ": ("conditional", None),
    "Tháng 02 năm 2025": ("period", "2025-02-28"),
    "Tháng 03 năm 2025": ("period", "2025-03-31"),
    "Tháng 03 năm 2025 (ban hành danh mục)": ("period", "2025-03-31"),
    "Tháng 11/2022, chậm nhất tháng 03/2023": ("period", "2022-11-30"),
    "Tháng 12/2022": ("period", "2022-12-31"),
    "Tháng 12/2022, chậm nhất tháng 03/2023.": ("period", "2022-12-31"),
    "Tháng 2 năm 2025": ("period", "2025-02-28"),
    "Tháng 5/2021": ("period", "2021-05-31"),
    "Tháng 6/2023": ("period", "2023-06-30"),
    "Tháng 9/2023": ("period", "2023-09-30"),
    "Thường xuyên": ("ongoing", None),
    "Thường xuyên (Trước 01 ngày của hồ sơ đến hạn trả kết quả).": ("ongoing", None),
    "Thường xuyên theo hướng dẫn của cơ quan Trung ương": ("ongoing", None),
    "Thường xuyên trong năm 2024": ("ongoing", "2024-12-31"),
    "Thường xuyên trong năm 2024.": ("ongoing", "2024-12-31"),
    "Thực hiện hàng năm": ("recurring", None),
    "Thực hiện năm 2021 và các năm tiếp theo": ("ongoing", None),
    "Thực hiện định ký theo kỳ báo cáo Kiểm soát TTHC": ("recurring", None),
    "Trong tháng 01/2024": ("period", "2024-01-31"),
    "Trong tháng 03 năm 2025": ("period", "2025-03-31"),
    "Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ; Trong tháng 6, hoàn thành tái cấu trúc quy "
    "trình các TTHC nội bộ": ("period", "2025-06-30"),
    "Trong thời gian 10 ngày kể từ ngày tiếp nhận": ("relative", None),
    "Trước 15/9/2024 có báo cáo": ("date", "2024-09-15"),
    "Trước 30/3/2025": ("date", "2025-03-30"),
    "Trước ngày 05/9/2025": ("date", "2025-09-05"),
    "Trước ngày 15/02/2024": ("date", "2024-02-15"),
    "Trước ngày 15/02/2024.": ("date", "2024-02-15"),
    "Trước ngày 15/9/2025": ("date", "2025-09-15"),
    "Trước ngày 30 tháng 4 năm 2025": ("date", "2025-04-30"),
    "Trước ngày 30/3/2025": ("date", "2025-03-30"),
    "Trước ngày 31/12/2022.": ("date", "2022-12-31"),
    "Định kỳ 06 tháng/ 01 lần": ("recurring", None),
    "Định kỳ/đột xuất": ("recurring", None),
}


def test_every_seed_cell_is_read_by_hand() -> None:
    assert {cell for _, _, cell in SEED_CELLS} == set(READING)


@pytest.mark.parametrize(("seed", "row", "cell"), SEED_CELLS, ids=[f"{s}-{r}" for s, r, _ in SEED_CELLS])
def test_seed_cell_is_in_its_seed(seed: str, row: str, cell: str) -> None:
    assert cell in SEED_FILES[seed].read_text(encoding="utf-8")


@pytest.mark.parametrize(("seed", "row", "cell"), SEED_CELLS, ids=[f"{s}-{r}" for s, r, _ in SEED_CELLS])
def test_seed_cell(seed: str, row: str, cell: str) -> None:
    kind, due = READING[cell]
    deadline = parse_deadline(cell, SEED_DATES[seed])
    assert (deadline.kind, deadline.due) == (kind, D(due) if due else None)


VOCABULARY_LISTS = ("every_words", "recurring_unspecified", "ongoing", "open_ended", "conditional_openers",
                    "conditional_markers", "relative_prepositions", "relative_anchors", "duration_units",
                    "current_year_phrases", "times_words", "per_words", "range_words", "start_markers",
                    "grace_markers", "alternative_markers", "phrase_cues", "phrase_fillers", "phrase_leads",
                    "phrase_joiners", "phrase_conditions", "periodic_words", "handling_words", "completion_words")


def _phrases(v: dict) -> list[str]:
    return [p for key in VOCABULARY_LISTS for p in v[key]] + [
        p for key in ("units", "number_words", "roman_numerals", "month_parts", "year_parts", "year_spans")
        for p in v[key]]


def test_vocabulary_shape() -> None:
    v = vocabulary()
    for key in VOCABULARY_LISTS:
        assert v[key] and len(v[key]) == len(set(v[key])), key
    for phrase in _phrases(v):
        assert isinstance(phrase, str) and phrase == phrase.strip(), phrase
        assert phrase == unicodedata.normalize("NFC", phrase).lower(), phrase
    assert set(v["units"].values()) == {"day", "week", "month", "quarter", "year"}
    assert set(v["open_ended"]) <= set(v["ongoing"])
    assert "năm" not in v["number_words"]  # "năm" is "five" and "year": only the year reading is kept
    assert all(isinstance(n, int) and n > 0 for n in v["number_words"].values())
    assert v["roman_numerals"] == {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    assert all(d == "end" or (isinstance(d, int) and 1 <= d <= 28) for d in v["month_parts"].values())
    assert all(isinstance(m, int) and 1 <= m <= 12 for m in v["year_parts"].values())
    assert set(v["year_spans"].values()) == {"first", "last"}


@pytest.mark.parametrize("phrase", vocabulary()["phrase_conditions"])
def test_every_prose_condition_reads_as_a_condition(phrase: str) -> None:
    assert parse_deadline(f"{phrase} có hướng dẫn của Bộ Nội vụ").kind == "conditional"


def test_vocabulary_is_loaded_once() -> None:
    assert vocabulary() is vocabulary()


_TOKENS = ["Quý", "quý", "Quí", "tháng", "Tháng", "năm", "ngày", "hàng", "hằng", "lần", "đợt", "IV", "III",
           "II", "I", "2025", "2024", "02", "15", "31", "29", "/", "-", ";", ",", ".", "(", ")", "\n", "- ",
           "hoặc", "chậm nhất", "Trước", "trong", "Thường xuyên", "Sau khi", "Theo", "kể từ", "đầu", "cuối",
           "Hết", "Định kỳ", "số", "QĐ-UBND", "giai đoạn", "tiếp theo", "đột xuất", "6 tháng đầu năm"]
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐ0123456789/ "


@settings(deadline=1000, max_examples=300)
@given(st.one_of(
    st.lists(st.one_of(st.sampled_from(_TOKENS), st.just(" "), st.text(_LETTERS, max_size=4)), max_size=30)
    .map("".join),
    st.text(max_size=60),
), st.one_of(st.none(), st.dates()))
def test_any_text_gives_a_deadline_or_a_toolkit_error(text: str, reference: date | None) -> None:
    try:
        deadline = parse_deadline(text, reference)
    except TthcError:
        return
    assert isinstance(deadline, Deadline)
    assert deadline.kind in DEADLINE_KINDS
    assert deadline.text == " ".join(unicodedata.normalize("NFC", text).split())
    assert deadline.due is None or isinstance(deadline.due, date)
    if deadline.milestones and deadline.kind in ("date", "period"):
        assert deadline.due in {m.due for m in deadline.milestones}
    assert parse_deadline(deadline.text, reference) == deadline


@pytest.mark.parametrize(("unit", "repeat"), [("Quý ", 5000), ("1/", 10000), ("sau khi ", 5000),
                                             ("2794/QĐ-", 5000), ("từ ", 5000)])
def test_long_repetitive_text_is_read(unit: str, repeat: int) -> None:
    assert parse_deadline(unit * repeat, D("2025-01-01")).kind in ("none", "conditional")


def test_a_long_list_of_months_gives_one_milestone_each() -> None:
    deadline = parse_deadline("tháng 1; " * 3000, D("2025-01-01"))
    assert (deadline.due, len(deadline.milestones)) == (D("2025-01-31"), 3000)


# ---------------------------------------------------------------- deadline phrases in prose

HA_TINH = D("2024-03-12")
THAI_BINH_08 = D("2024-04-02")  # Chỉ thị 08/CT-UBND
HAU_GIANG_2210 = D("2024-10-09")  # Công văn 2210/UBND-NC
NINH_THUAN_77 = D("2025-01-09")  # Kế hoạch 77/KH-UBND
BEN_TRE_4021 = D("2024-09-26")  # Công văn 4021/UBND-TCDNC
LONG_AN_05 = D("2024-05-20")  # Chỉ thị 05/CT-UBND

# Sentences of the tester's genre run, each with the deadline phrases a reader marks in it and
# what each means read with the document's date: (sentence, date, [(phrase, kind, due), …]).
PROSE = [
    ("2. Tiếp tục rà soát, đơn giản hóa thủ tục hành chính, phấn đấu cắt giảm tối thiểu 20% thời gian giải "
     "quyết so với quy định; hoàn thành trước ngày 30/9/2024.", THAI_BINH_08,
     [("hoàn thành trước ngày 30/9/2024", "date", "2024-09-30")]),
    ("a) Chủ trì, phối hợp với UBND các huyện, thành phố giải quyết dứt điểm hồ sơ cấp Giấy chứng nhận quyền sử "
     "dụng đất tồn đọng, hoàn thành trong Quý III/2024.", THAI_BINH_08,
     [("hoàn thành trong Quý III/2024", "period", "2024-09-30")]),
    ("b) Xây dựng, vận hành cơ sở dữ liệu đất đai kết nối với Hệ thống thông tin giải quyết thủ tục hành chính "
     "tỉnh², trong năm 2024.", THAI_BINH_08, [("trong năm 2024", "period", "2024-12-31")]),
    ("- Tổ chức khảo sát, đo lường sự hài lòng của người dân, doanh nghiệp, báo cáo Chủ tịch UBND tỉnh trước "
     "ngày 15/12/2024.", THAI_BINH_08, [("trước ngày 15/12/2024", "date", "2024-12-15")]),
    ("6. Văn phòng UBND tỉnh theo dõi, đôn đốc việc triển khai, định kỳ hằng quý tổng hợp kết quả, báo cáo "
     "Chủ tịch UBND tỉnh.", THAI_BINH_08, [("định kỳ hằng quý", "recurring", None)]),
    ("- Trung tâm PVHCC tỉnh phối hợp Bưu điện tỉnh bố trí nhân viên hỗ trợ người dân nộp hồ sơ trực tuyến tại "
     "Trung tâm, thực hiện thường xuyên.", HAU_GIANG_2210, [("thực hiện thường xuyên", "ongoing", None)]),
    ("- Sở KH&ĐT, Sở Tài chính rà soát, bố trí kinh phí vận hành Bộ phận Một cửa các cấp trong dự toán ngân sách "
     "năm 2025, xong trước 30/11/2024.", HAU_GIANG_2210, [("xong trước 30/11/2024", "date", "2024-11-30")]),
    ("- Công an tỉnh phối hợp với Sở LĐ-TB&XH, BHXH tỉnh triển khai liên thông nhóm thủ tục hành chính "
     "\"Đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất\", theo tiến độ Đề án 06.", HAU_GIANG_2210,
     [("theo tiến độ Đề án 06", "conditional", None)]),
    ("- UBND các huyện, thị xã, thành phố chỉ đạo UBND cấp xã niêm yết công khai thủ tục hành chính đúng quy "
     "định; báo cáo kết quả về Văn phòng UBND tỉnh trước ngày 05 hằng tháng.", HAU_GIANG_2210,
     [("trước ngày 05 hằng tháng", "recurring", None)]),
    ("b) Đài Phát thanh và Truyền hình Ninh Thuận xây dựng phóng sự chuyên đề, phát sóng hằng quý.", NINH_THUAN_77,
     [("hằng quý", "recurring", None)]),
    ("Sở Tư pháp chủ trì tổ chức cuộc thi trực tuyến trong Quý III/2025.", NINH_THUAN_77,
     [("trong Quý III/2025", "period", "2025-09-30")]),
    ("2. Các sở, ban, ngành, UBND các huyện, thành phố căn cứ Kế hoạch này xây dựng kế hoạch truyền thông của cơ "
     "quan, đơn vị, địa phương, hoàn thành trong tháng 02/2025.", NINH_THUAN_77,
     [("hoàn thành trong tháng 02/2025", "period", "2025-02-28")]),
    ("c) Kiểm điểm, xử lý trách nhiệm của tập thể, cá nhân để xảy ra hồ sơ trễ hạn kéo dài, gửi kết quả về Sở Nội "
     "vụ trước ngày 31/10/2024 để tổng hợp.", BEN_TRE_4021, [("trước ngày 31/10/2024", "date", "2024-10-31")]),
    ("2. Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Thông tin và Truyền thông giám sát việc cập nhật trạng thái "
     "hồ sơ trên Hệ thống; định kỳ hằng tháng báo cáo UBND tỉnh danh sách cơ quan, đơn vị có tỷ lệ hồ sơ trễ hạn "
     "trên 5%.", BEN_TRE_4021, [("định kỳ hằng tháng", "recurring", None)]),
    # two yearly reports, each with its day, the year from the document
    ("4. UBND các huyện, thị xã, thành phố chỉ đạo UBND cấp xã thành lập, duy trì hoạt động Tổ công nghệ số cộng "
     "đồng; báo cáo kết quả định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12).", LONG_AN_05,
     [("định kỳ 6 tháng", "recurring", None), ("trước ngày 15/6", "date", "2024-06-15"),
      ("trước ngày 15/12", "date", "2024-12-15")]),
    ("Sở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước tỉnh bố trí tài khoản thụ hưởng cho các cơ quan, đơn vị "
     "chưa có tài khoản, hoàn thành chậm nhất ngày 15/7/2024.", D("2024-06-18"),
     [("hoàn thành chậm nhất ngày 15/7/2024", "date", "2024-07-15")]),
    # dates that are no deadline: of a legal reference, of a statistic, of a past year
    ("b) Thực hiện nghiêm việc gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả đối với hồ sơ quá hạn giải quyết theo "
     "quy định tại Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 và Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của "
     "Chính phủ; việc xin lỗi phải thực hiện trước thời hạn trả kết quả ít nhất 01 ngày làm việc.", BEN_TRE_4021, []),
    ("Thực hiện Công văn số 627/UBND-VP ngày 26/02/2024 của UBND tỉnh về cải cách thủ tục hành chính, Sở Nội vụ "
     "đề nghị các cơ quan:", LONG_AN_05, []),
    ("Theo thống kê ngày 09/5/2024, toàn tỉnh có 3.512 hồ sơ trễ hạn, chiếm 2,1% tổng số hồ sơ đã giải quyết.",
     LONG_AN_05, []),
    ("Năm 2023, Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của tỉnh xếp thứ 41/63 tỉnh, thành phố; Bộ chỉ số "
     "theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ đạt 76,2 điểm.", THAI_BINH_08, []),
    ("Kinh phí thực hiện từ nguồn ngân sách nhà nước bố trí trong dự toán năm 2025 của các cơ quan, đơn vị.",
     NINH_THUAN_77, []),
    ("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.", D("2025-03-05"), []),
]


@pytest.mark.parametrize(("sentence", "reference", "expected"), PROSE, ids=[p[0][:50] for p in PROSE])
def test_deadline_phrases_of_genre_prose(sentence: str, reference: date, expected: list) -> None:
    found = find_deadline_phrases(sentence)
    assert [p.text for p in found] == [e[0] for e in expected]
    for phrase, (_, kind, due) in zip(found, expected):
        assert sentence[phrase.start:phrase.end] == phrase.text
        deadline = parse_deadline(phrase.text, reference)
        assert (deadline.kind, deadline.due) == (kind, D(due) if due else None)


# The forms the prose extractor must find, as they stand in a sentence (the phrase is the part
# after the task's verb), and what each reads as without a document date.
PHRASE_FORMS = [
    ("Văn phòng UBND tỉnh tổng hợp, báo cáo trước ngày 15/12/2024.", "trước ngày 15/12/2024", "date"),
    ("Các đơn vị gửi báo cáo chậm nhất ngày 15/11/2024 để tổng hợp.", "chậm nhất ngày 15/11/2024", "date"),
    ("Nâng cấp Cổng Dịch vụ công, hoàn thành trước ngày 30/11/2024.", "hoàn thành trước ngày 30/11/2024", "date"),
    ("Rà soát quy trình nội bộ trong Quý I/2025.", "trong Quý I/2025", "period"),
    ("Rà soát các TTHC nội bộ trong tháng 4, báo cáo kết quả.", "trong tháng 4", "period"),
    ("Báo cáo sơ kết trước ngày 15/6.", "trước ngày 15/6", "date"),
    ("5. Sở Y tế triển khai thực hiện trong năm 2024.", "thực hiện trong năm 2024", "period"),
    ("Tuyên truyền trên Cổng thông tin điện tử tỉnh thường xuyên.", "thường xuyên", "ongoing"),
    ("Các cơ quan báo cáo định kỳ hằng tháng, quý về Văn phòng UBND tỉnh.", "định kỳ hằng tháng, quý", "recurring"),
    ("Tổ chức đánh giá, chấm điểm hằng năm.", "hằng năm", "recurring"),
    ("Cập nhật số hóa hồ sơ Tháng 6 và tháng 12 hằng năm.", "Tháng 6 và tháng 12 hằng năm", "recurring"),
    ("Triển khai dịch vụ công liên thông theo tiến độ Đề án 06.", "theo tiến độ Đề án 06", "conditional"),
    ("Cung cấp số liệu theo yêu cầu của Văn phòng Chính phủ; đồng thời báo cáo UBND tỉnh.",
     "theo yêu cầu của Văn phòng Chính phủ", "conditional"),
    ("Cập nhật danh mục ngay sau khi có quyết định công bố của Chủ tịch UBND tỉnh, bảo đảm đúng quy định.",
     "ngay sau khi có quyết định công bố của Chủ tịch UBND tỉnh", "conditional"),
    ("Tham mưu công bố trong 05 ngày làm việc kể từ ngày nhận được dự thảo, đồng thời công khai.",
     "trong 05 ngày làm việc kể từ ngày nhận được dự thảo", "relative"),
    # seed 004 (Công văn 2370/UBND-TTHC) writes the number out after the digits
    ("Trình công bố trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký quyết định công bố của Bộ.",
     "trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký quyết định công bố của Bộ", "relative"),
    ("Hoàn thành trong Quý I, Quý II năm 2025.", "Hoàn thành trong Quý I, Quý II năm 2025", "period"),
    ("Triển khai thí điểm Thường xuyên trong năm 2024.", "Thường xuyên trong năm 2024", "ongoing"),
    ("Duy trì thực hiện năm 2021 và các năm tiếp theo.", "thực hiện năm 2021 và các năm tiếp theo", "ongoing"),
    ("Tổ chức tập huấn từ tháng 3 đến tháng 6/2025.", "từ tháng 3 đến tháng 6/2025", "period"),
    ("Báo cáo định kỳ 06 tháng/01 lần.", "định kỳ 06 tháng/01 lần", "recurring"),
]


@pytest.mark.parametrize(("sentence", "phrase", "kind"), PHRASE_FORMS, ids=[p[1] for p in PHRASE_FORMS])
def test_deadline_phrase_forms(sentence: str, phrase: str, kind: str) -> None:
    found = find_deadline_phrases(sentence)
    assert found == (DeadlinePhrase(phrase, sentence.index(phrase), sentence.index(phrase) + len(phrase)),)
    assert parse_deadline(phrase).kind == kind


# Seed cells that prose splits in several phrases, or does not take for a deadline, and why.
PROSE_SPLITS = {
    # an alternative that is a condition stays its own phrase
    "Quý I, Quý II năm 2025 hoặc đột xuất": ["Quý I, Quý II năm 2025", "đột xuất"],
    "Định kỳ/đột xuất": ["Định kỳ", "đột xuất"],
    "Thường xuyên (Trước 01 ngày của hồ sơ đến hạn trả kết quả).": ["Thường xuyên", "Trước 01 ngày"],
    # in prose each clause is read apart
    "Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ; Trong tháng 6, hoàn thành tái cấu trúc quy "
    "trình các TTHC nội bộ": ["Trong tháng 4", "Trong tháng 6"],
    # a bare "theo" opens ordinary clauses in prose ("theo quy định"); a bare period is no deadline there
    "Theo Quyết định số 2794/QĐ-UBND ngày 20/10/2022 của UBND tỉnh Hải Dương (giai đoạn 2023-2025).": [],
    "Tham dự Hội nghị, Hội thảo, tọa đàm, …": [],
}


@pytest.mark.parametrize(("seed", "row", "cell"), SEED_CELLS, ids=[f"{s}-{r}" for s, r, _ in SEED_CELLS])
def test_a_seed_cell_in_prose_reads_as_the_cell(seed: str, row: str, cell: str) -> None:
    """Prose and table cells share one vocabulary: each seed deadline cell, written after the
    label "Thời hạn:" in a sentence, gives one phrase, a part of it (a condition ends at its
    clause's comma: "Sau khi có hướng dẫn của bộ"), that reads as the cell does."""
    found = find_deadline_phrases(f"Rà soát thủ tục hành chính. Thời hạn: {cell}")
    if cell in PROSE_SPLITS:
        assert [p.text for p in found] == PROSE_SPLITS[cell]
        return
    kind, due = READING[cell]
    assert len(found) == 1 and found[0].text in " ".join(cell.split())
    deadline = parse_deadline(found[0].text, SEED_DATES[seed])
    assert (deadline.kind, deadline.due) == (kind, D(due) if due else None)


def test_deadline_phrases_reject_what_is_not_text() -> None:
    with pytest.raises(DataError, match="12"):
        find_deadline_phrases(12)  # type: ignore[arg-type]


@settings(deadline=1000, max_examples=300)
@given(st.one_of(
    st.lists(st.one_of(st.sampled_from(_TOKENS + ["hoàn thành", "ngay sau khi có", "theo yêu cầu", "kể từ",
                                                  "ngày làm việc", "05 (năm)", "xong", "và", "hoặc", "đến"]),
                       st.just(" "), st.text(_LETTERS, max_size=4)), max_size=40).map("".join),
    st.text(max_size=80),
))
def test_deadline_phrases_of_any_text(text: str) -> None:
    found = find_deadline_phrases(text)
    assert isinstance(found, tuple)
    ends = [0]
    for phrase in found:
        assert isinstance(phrase, DeadlinePhrase)
        assert ends[-1] <= phrase.start < phrase.end <= len(text)
        assert text[phrase.start:phrase.end] == phrase.text == phrase.text.strip()
        assert parse_deadline(phrase.text).kind != "none"
        ends.append(phrase.end)


@pytest.mark.parametrize("unit", ["sau khi ", "trước ngày ", "hằng tháng, ", "tháng 1 và ", "2794/QĐ-",
                                  "trong 05 ngày kể từ ", "Quý "])
def test_deadline_phrases_of_long_repetitive_text(unit: str) -> None:
    found = find_deadline_phrases(unit * 5000)
    assert all(parse_deadline(p.text).kind != "none" for p in found)


@pytest.mark.parametrize(("text", "kind", "due", "condition"), [
    ("Sau khi có hướng dẫn của Bộ; trước ngày 30/6/2025", "date", "2025-06-30", "Sau khi có hướng dẫn của Bộ"),
    ("Ngay sau khi có quyết định công bố, chậm nhất ngày 15/02/2025", "date", "2025-02-15",
     "Ngay sau khi có quyết định công bố"),
    ("Đột xuất; Quý II/2025", "period", "2025-06-30", "Đột xuất"),
    ("Khi có yêu cầu, trong tháng 10/2025", "period", "2025-10-31", "Khi có yêu cầu"),
    ("Sau khi có hướng dẫn của Văn phòng Chính phủ.", "conditional", None,
     "Sau khi có hướng dẫn của Văn phòng Chính phủ"),
])
def test_a_stated_date_wins_over_a_condition(text: str, kind: str, due: str | None, condition: str) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.due, deadline.condition) == (kind, D(due) if due else None, condition)


@pytest.mark.parametrize(("text", "recurrence"), [
    ("Định kỳ 6 tháng", Recurrence("monthly", interval=6)),
    ("định kỳ 06 tháng", Recurrence("monthly", interval=6)),
    ("Định kỳ 6 tháng, hằng năm", Recurrence("monthly", interval=6)),
    ("Báo cáo định kỳ 03 tháng", Recurrence("monthly", interval=3)),
    ("Định kỳ 01 năm", Recurrence("yearly")),
    ("Định kỳ hằng quý, 6 tháng, năm", Recurrence("quarterly")),
])
def test_periodic_with_a_stated_interval(text: str, recurrence: Recurrence) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.recurrence) == ("recurring", recurrence)
