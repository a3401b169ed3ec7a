"""Integrity of tthc_docs/data/messages.yaml and the wording of each kind.

Every Enum worded from the file has an English and a Vietnamese wording for
each member and nothing else; every placeholder names a field of the report
the kind is carried by."""

from __future__ import annotations

import string
from dataclasses import fields
from enum import Enum

import pytest

from tthc_docs.errors import DateDetail, DateProblem, ErrorDetail, ErrorKind
from tthc_docs.readers.safety import Limit
from tthc_docs.registry.versions import EventKind, TaskEvent
from tthc_docs.render.dossiers import DossierProblem, ProblemKind
from tthc_docs.wording import Language, say, wordings

# Each worded Enum and the dataclasses that carry it (none: a value worded without placeholders).
WORDED: dict[type[Enum], tuple[type, ...]] = {
    DateProblem: (DossierProblem, DateDetail),
    ProblemKind: (DossierProblem,),
    EventKind: (TaskEvent,),
    ErrorKind: (ErrorDetail,),
    Limit: (),
}


def placeholders(text: str) -> set[str]:
    """The field names a wording uses: "{field} {value!r}" → {"field", "value"}."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_file_words_exactly_the_enums():
    assert set(wordings()) == {kind.__name__ for kind in WORDED}


@pytest.mark.parametrize("kind", WORDED, ids=lambda k: k.__name__)
def test_every_member_has_both_wordings_and_no_stray_key(kind: type[Enum]):
    section = wordings()[kind.__name__]
    assert set(section) == {str(member.value) for member in kind}
    assert all(set(texts) == set(Language) for texts in section.values())


@pytest.mark.parametrize("kind", WORDED, ids=lambda k: k.__name__)
def test_placeholders_name_fields_of_every_carrier(kind: type[Enum]):
    for member, texts in wordings()[kind.__name__].items():
        used = {name for text in texts.values() for name in placeholders(text)}
        for carrier in WORDED[kind]:
            assert used <= {f.name for f in fields(carrier)} - {"kind"}, (member, carrier.__name__)
        if not WORDED[kind]:
            assert not used, member


@pytest.mark.parametrize("problem, english, vietnamese", [
    (DossierProblem(ProblemKind.MISSING, "Ngày hẹn trả mới"), "missing Ngày hẹn trả mới", "thiếu Ngày hẹn trả mới"),
    (DossierProblem(ProblemKind.NOT_AFTER, "Ngày hẹn trả mới", "01/02/2025", "Ngày hẹn trả", "07/02/2025"),
     "Ngày hẹn trả mới 01/02/2025 is not after Ngày hẹn trả 07/02/2025",
     "Ngày hẹn trả mới 01/02/2025 không sau Ngày hẹn trả 07/02/2025"),
    (DossierProblem(ProblemKind.AFTER, "Ngày tiếp nhận", "10/02/2025", "Ngày hẹn trả", "07/02/2025"),
     "Ngày tiếp nhận 10/02/2025 is after Ngày hẹn trả 07/02/2025",
     "Ngày tiếp nhận 10/02/2025 lại sau Ngày hẹn trả 07/02/2025"),
    (DossierProblem(ProblemKind.DUPLICATE, "Mã hồ sơ", "H01-0001", other_value="2"),
     "Mã hồ sơ H01-0001 already on row 2", "Mã hồ sơ H01-0001 trùng với dòng 2"),
    (DossierProblem(ProblemKind.TEMPLATE_MISFIT, reason="'so_ho_so' is undefined"),
     "'so_ho_so' is undefined", "mẫu văn bản không khớp với dữ liệu của dòng này: 'so_ho_so' is undefined"),
    (DossierProblem(DateProblem.NOT_REAL, "Ngày hẹn trả", "31/02/2025", reason="day is out of range for month"),
     "Ngày hẹn trả '31/02/2025' is not a real date: day is out of range for month",
     "Ngày hẹn trả '31/02/2025' không phải là ngày có thật"),
    (DossierProblem(DateProblem.NOT_DAY_MONTH_YEAR, "Ngày tiếp nhận", "tháng 1"),
     "Ngày tiếp nhận 'tháng 1' is not a date (expected dd/mm/yyyy)",
     "Ngày tiếp nhận 'tháng 1' không phải là ngày (cần dạng dd/mm/yyyy)"),
    (DossierProblem(DateProblem.NOT_EXCEL_DATE, "Ngày hẹn trả mới", 3),
     "Ngày hẹn trả mới 3 is not a date: a number that is not an Excel date of 1950–2099",
     "Ngày hẹn trả mới 3 không phải là ngày (số không ứng với ngày nào trong Excel)"),
])
def test_each_dossier_problem_in_both_languages(problem: DossierProblem, english: str, vietnamese: str):
    assert say(problem) == english and say(problem, Language.VIETNAMESE) == vietnamese


def test_every_dossier_problem_kind_has_a_case():
    cases = test_each_dossier_problem_in_both_languages.pytestmark[0].args[1]
    assert {p.kind for p, _, _ in cases} == set(ProblemKind) | set(DateProblem)


# Each life event of a task: as the command line and the stored text say it, as the web page says it.
EVENTS = [
    (TaskEvent(EventKind.ADDED, 3), "added in version 3", "thêm mới ở phiên bản 3"),
    (TaskEvent(EventKind.REMOVED, 2), "removed in version 2", "bị bỏ ở phiên bản 2"),
    (TaskEvent(EventKind.SPLIT, 2, pieces="1.a | 1.b"), "split in version 2 into 1.a | 1.b",
     "tách ở phiên bản 2 thành 1.a | 1.b"),
    (TaskEvent(EventKind.SPLIT_OFF, 2), "split off in version 2", "tách ra ở phiên bản 2"),
    (TaskEvent(EventKind.SPLIT_OFF_FROM, 2, source="P1-17"), "split off in version 2 from P1-17",
     "tách ra ở phiên bản 2 từ P1-17"),
    (TaskEvent(EventKind.MERGED, 4, others=2), "merged in version 4 with 2 other task(s)",
     "gộp ở phiên bản 4 với 2 nhiệm vụ khác"),
    (TaskEvent(EventKind.MERGED_AWAY, 4), "merged in version 4", "được gộp ở phiên bản 4"),
    (TaskEvent(EventKind.IN_VERSION, 1), "version 1", "phiên bản 1"),
]


def test_every_event_kind_has_a_case():
    assert [event.kind for event, _, _ in EVENTS] == list(EventKind)


@pytest.mark.parametrize("event, english, vietnamese", EVENTS)
def test_each_task_event_in_both_languages(event: TaskEvent, english: str, vietnamese: str):
    assert say(event) == english and say(event, Language.VIETNAMESE) == vietnamese
    assert TaskEvent.from_dict(event.to_dict()) == event


ERRORS = [
    (ErrorDetail(ErrorKind.UNREADABLE, "a.docx"), "a.docx cannot be read", "Không đọc được tệp a.docx."),
    (ErrorDetail(ErrorKind.EMPTY, "a.docx"), "a.docx is empty", "Tệp a.docx không có nội dung."),
    (ErrorDetail(ErrorKind.UNSUPPORTED_FORMAT, "a.dwg"), "a.dwg is not in a format the toolkit reads",
     "Tệp a.dwg không thuộc định dạng được hỗ trợ."),
    (ErrorDetail(ErrorKind.CORRUPT_FILE, "a.docx"), "a.docx is damaged or not what its name says",
     "Tệp a.docx bị hỏng hoặc không đúng định dạng như tên tệp."),
    (ErrorDetail(ErrorKind.ENCRYPTED_FILE, "a.xlsx"), "a.xlsx is password protected", "Tệp a.xlsx có mật khẩu bảo vệ."),
    (ErrorDetail(ErrorKind.SCANNED_PDF, "a.pdf"), "a.pdf is a scan without text",
     "Tệp a.pdf là bản quét, không có chữ đọc được."),
    (ErrorDetail(ErrorKind.UNSAFE_FILE, "a.docx"), "a.docx has an unusual structure", "Tệp a.docx có cấu trúc bất thường."),
    (ErrorDetail(ErrorKind.OVER_LIMIT, "a.xlsx", Limit.SHEET_ROWS, "100,000", "250,000"),
     "a.xlsx: sheet rows 250,000, over the limit of 100,000",
     "Tệp a.xlsx: số dòng của trang tính là 250,000, vượt giới hạn 100,000."),
    (ErrorDetail(ErrorKind.TOO_LARGE, "a.pdf", Limit.INPUT_BYTES, "50 MB", "61.2 MB"),
     "a.pdf is 61.2 MB, over the input size limit of 50 MB",
     "Tệp a.pdf có dung lượng 61.2 MB, vượt giới hạn dung lượng tệp đầu vào là 50 MB."),
    (ErrorDetail(ErrorKind.MISSING_COLUMNS, "ds.xlsx", names="'Mã hồ sơ'", sheet="Sheet1"),
     "ds.xlsx, sheet 'Sheet1': no column for 'Mã hồ sơ'", "Tệp ds.xlsx, trang tính 'Sheet1': không có cột 'Mã hồ sơ'."),
    (ErrorDetail(ErrorKind.NO_HEADER_ROW, "ds.xlsx", names="'Mã hồ sơ'"),
     "ds.xlsx: no sheet has a header row with the columns 'Mã hồ sơ'",
     "Tệp ds.xlsx: không trang tính nào có dòng tiêu đề với các cột 'Mã hồ sơ'."),
    (ErrorDetail(ErrorKind.NO_TASKS, "thu.txt"), "thu.txt: no task or indicator found in it",
     "Không tìm thấy nhiệm vụ hay chỉ tiêu nào trong tệp thu.txt nên tệp không được lưu (đây có phải kế hoạch, "
     "quyết định, chỉ thị hoặc công văn giao nhiệm vụ?)."),
    (ErrorDetail(ErrorKind.NO_SLIP, "ds.xlsx", found="3"), "ds.xlsx: no row of the sheet can make a slip (3 row(s) "
     "with a problem)", "Tệp ds.xlsx: không dòng nào làm được phiếu (3 dòng có vấn đề, xem cột Kiểm tra của bảng "
     "xem trước)."),
]


def test_every_error_kind_has_a_case():
    assert [detail.kind for detail, _, _ in ERRORS] == list(ErrorKind)


@pytest.mark.parametrize("detail, english, vietnamese", ERRORS)
def test_each_error_detail_in_both_languages(detail: ErrorDetail, english: str, vietnamese: str):
    assert say(detail) == english and say(detail, Language.VIETNAMESE) == vietnamese
