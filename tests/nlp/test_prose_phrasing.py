"""How instructions are worded across provinces: coordination after a heading's agency,
lists of coordinating agencies with names the gazetteer lacks, conditions next to
dates, time limits for handling each dossier, and periodic reports. Each row is a
Vietnamese example with its expected reading, written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tthc_docs.extract import extract_bytes
from tthc_docs.models import Recurrence
from tthc_docs.nlp.prose import assigned_agencies, coordinating_agencies, deadline_phrases, prose_tasks
from tthc_docs.readers.txt_reader import parse_text


def _directive(*items: str) -> str:
    return "\n".join(["CHỈ THỊ", "Số: 05/CT-UBND", "Hà Nam, ngày 02 tháng 01 năm 2025",
                      "Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành thực hiện các nội dung sau:", *items,
                      "Nơi nhận:", "- Lưu: VT."])


@pytest.mark.parametrize("heading, item, lead, coordinating", [
    ("1. Sở Tư pháp:", "a) Phối hợp với Văn phòng UBND tỉnh rà soát thủ tục hành chính.",
     "Sở Tư pháp", "Văn phòng UBND tỉnh"),
    ("1. Sở Nội vụ", "- Phối hợp chặt chẽ với Sở Tài chính, Công an tỉnh bố trí biên chế cho Bộ phận Một cửa.",
     "Sở Nội vụ", "Sở Tài chính; Công an tỉnh"),
    ("2. Văn phòng UBND tỉnh có trách nhiệm:", "b) Phối hợp cùng Sở Khoa học và Công nghệ nâng cấp Cổng dịch vụ công.",
     "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"),
    ("3. Giao Sở Y tế:", "a) phối hợp với Bảo hiểm xã hội tỉnh và Công an tỉnh triển khai sổ sức khỏe điện tử.",
     "Sở Y tế", "Bảo hiểm xã hội tỉnh; Công an tỉnh"),
])
def test_a_coordination_item_belongs_to_its_headings_agency(heading, item, lead, coordinating):
    tasks = prose_tasks(parse_text(_directive(heading, item), "ct.txt"))
    assert [(t.lead_raw, t.coordinating_raw) for t in tasks] == [(lead, coordinating)]


@pytest.mark.parametrize("sentence, coordinating", [
    # names the gazetteer lacks, each starting with an agency head word: kept as written
    ("Sở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước khu vực XV, Thuế tỉnh và Sở Tư pháp hướng dẫn thu phí.",
     "Kho bạc Nhà nước khu vực XV; Thuế tỉnh; Sở Tư pháp"),
    ("Phối hợp với Văn phòng Đăng ký đất đai tỉnh, Chi nhánh Ngân hàng Chính sách xã hội tỉnh triển khai.",
     "Văn phòng Đăng ký đất đai tỉnh; Chi nhánh Ngân hàng Chính sách xã hội tỉnh"),
    ("chủ trì, phối hợp với Hiệp hội Doanh nghiệp tỉnh, Đài Phát thanh và Truyền hình tỉnh tuyên truyền.",
     "Hiệp hội Doanh nghiệp tỉnh; Đài Phát thanh và Truyền hình tỉnh"),
    ("phối hợp với Bưu điện tỉnh, Trung tâm Kinh doanh VNPT tỉnh để hỗ trợ người dân.",
     "Bưu điện tỉnh; Trung tâm Kinh doanh VNPT tỉnh"),
    ("phối hợp với Sở Tư pháp, Chi cục Thuế khu vực II rà soát, báo cáo.",
     "Sở Tư pháp; Chi cục Thuế khu vực II"),
    # a name without a head word is no agency: the list stops before it
    ("phối hợp với Sở Tư pháp, người dân và doanh nghiệp trên địa bàn thực hiện.", "Sở Tư pháp"),
    ("Sở Nội vụ phối hợp chặt chẽ, hiệu quả với Thanh tra tỉnh kiểm tra công vụ.", "Thanh tra tỉnh"),
    ("Tăng cường phối hợp trong giải quyết thủ tục hành chính.", None),
])
def test_coordinating_agencies_go_on_past_names_the_gazetteer_lacks(sentence, coordinating):
    assert coordinating_agencies(sentence) == coordinating


def test_an_unknown_coordinating_agency_is_warned_about():
    text = _directive("1. Sở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước khu vực XV hướng dẫn thu phí, lệ phí.")
    table = extract_bytes(text.encode("utf-8"), "ct.txt")
    assert table.tasks[0].coordinating == ("Kho bạc Nhà nước khu vực XV",)
    assert any("Kho bạc Nhà nước khu vực XV" in w and "task 1" in w for w in table.warnings)


@pytest.mark.parametrize("item, kind, due, condition", [
    ("1. Sau khi có hướng dẫn của Bộ Nội vụ, Sở Nội vụ tham mưu sửa đổi quy chế, hoàn thành trước ngày 30/9/2025.",
     "date", date(2025, 9, 30), "Sau khi có hướng dẫn của Bộ Nội vụ"),
    ("1. Sở Tư pháp kiểm tra đột xuất việc niêm yết thủ tục hành chính, hoàn thành trong Quý IV/2025.",
     "period", date(2025, 12, 31), "đột xuất"),
    ("1. Ngay sau khi có quyết định công bố, Văn phòng UBND tỉnh cập nhật thủ tục, chậm nhất ngày 15/02/2025.",
     "date", date(2025, 2, 15), "Ngay sau khi có quyết định công bố"),
    # no date stated: the condition is the deadline
    ("1. Sở Tư pháp rà soát sau khi có hướng dẫn của Bộ Tư pháp.", "conditional", None,
     "sau khi có hướng dẫn của Bộ Tư pháp"),
])
def test_a_stated_date_wins_over_a_condition(item, kind, due, condition):
    table = extract_bytes(_directive(item).encode("utf-8"), "ct.txt")
    deadline = table.tasks[0].deadline
    assert (deadline.kind, deadline.due) == (kind, due)
    assert deadline.condition.startswith(condition)


@pytest.mark.parametrize("sentence, phrases", [
    # a rule's time limit for handling each dossier is no deadline of the task
    ("Bộ phận Một cửa giải quyết hồ sơ không quá 08 giờ làm việc kể từ khi nhận đủ hồ sơ hợp lệ.", []),
    ("Trả kết quả trong thời hạn 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ đầy đủ.", []),
    ("Thực hiện cấp phiếu lý lịch tư pháp trong 05 ngày kể từ ngày nhận hồ sơ, báo cáo trong Quý I/2025.",
     ["trong Quý I/2025"]),
    # … unless the sentence says the task itself is due then
    ("Sở Tư pháp hoàn thành việc rà soát trong thời hạn 10 ngày làm việc kể từ ngày nhận được hồ sơ đề nghị.",
     ["trong thời hạn 10 ngày làm việc kể từ ngày nhận được hồ sơ đề nghị"]),
    ("Công bố thủ tục trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký quyết định.",
     ["trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký quyết định"]),
])
def test_a_time_limit_for_each_dossier_is_no_deadline(sentence, phrases):
    assert deadline_phrases(sentence) == phrases


@pytest.mark.parametrize("item, recurrence", [
    ("1. Văn phòng UBND tỉnh định kỳ 6 tháng báo cáo UBND tỉnh.", Recurrence("monthly", interval=6)),
    ("1. Sở Nội vụ tổng hợp, báo cáo định kỳ 6 tháng, hằng năm.", Recurrence("monthly", interval=6)),
    ("1. Các sở báo cáo định kỳ 06 tháng, năm về Văn phòng UBND tỉnh.", Recurrence("monthly", interval=6)),
    ("1. Sở Tư pháp báo cáo định kỳ 3 tháng một lần.", Recurrence("monthly", interval=3)),
    ("1. Sở Tư pháp báo cáo định kỳ hằng quý.", Recurrence("quarterly")),
])
def test_periodic_reports_get_their_recurrence(item, recurrence):
    table = extract_bytes(_directive(item).encode("utf-8"), "ct.txt")
    assert (table.tasks[0].deadline.kind, table.tasks[0].deadline.recurrence) == ("recurring", recurrence)


@pytest.mark.parametrize("heading, item, kind, due, condition", [
    ("1. Sở Tư pháp hoàn thành trước ngày 30/6/2025 các nội dung sau:", "a) Kiểm tra đột xuất việc niêm yết thủ tục.",
     "date", date(2025, 6, 30), "đột xuất"),
    ("2. Trong Quý III/2025, Văn phòng UBND tỉnh:", "b) Cập nhật quy trình nội bộ sau khi có quyết định công bố.",
     "period", date(2025, 9, 30), "sau khi có quyết định công bố"),
    # an item's own date wins over its heading's
    ("1. Sở Tư pháp hoàn thành trước ngày 30/6/2025 các nội dung sau:", "a) Rà soát quy định, trong tháng 3/2025.",
     "period", date(2025, 3, 31), None),
])
def test_a_condition_of_an_item_keeps_its_headings_date(heading, item, kind, due, condition):
    table = extract_bytes(_directive(heading, item).encode("utf-8"), "ct.txt")
    deadline = table.tasks[0].deadline
    assert (deadline.kind, deadline.due) == (kind, due)
    assert deadline.condition == condition if condition is None else deadline.condition.startswith(condition)


@pytest.mark.parametrize("sentence, lead", [
    # agencies the gazetteer lacks, named as the subject: kept as written
    ("Thuế tỉnh chủ trì hướng dẫn người nộp thuế thực hiện thủ tục trực tuyến.", "Thuế tỉnh"),
    ("Chi nhánh Ngân hàng Chính sách xã hội tỉnh triển khai cho vay qua dịch vụ công.",
     "Chi nhánh Ngân hàng Chính sách xã hội tỉnh"),
    ("Văn phòng Đăng ký đất đai tỉnh giải quyết hồ sơ đúng hạn.", "Văn phòng Đăng ký đất đai tỉnh"),
    ("Kho bạc Nhà nước khu vực XV phối hợp với Sở Tài chính hướng dẫn thanh toán.", "Kho bạc Nhà nước khu vực XV"),
    # a head word followed by a common word is no name
    ("Ban hành kèm theo Quyết định này Kế hoạch rà soát thủ tục hành chính.", None),
    ("Tập trung rà soát, sửa đổi thủ tục.", None),
])
def test_a_subject_the_gazetteer_lacks_is_kept_when_it_reads_as_an_agency(sentence, lead):
    assert assigned_agencies(sentence) == lead
