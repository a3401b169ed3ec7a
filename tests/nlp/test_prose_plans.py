"""Plans and decisions whose body assigns work in numbered items and that also carry a
task table: the body items that name who acts are tasks ("IV.1.a", "Điều 2"), the table
rows keep their appendix ids ("PL.1"), parts stating aims, funding or general
requirements give none. The documents are built here (Markdown text, .docx, .pdf, .html),
and the expected tasks are written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tthc_docs.extract import extract_bytes, extract_path
from tthc_docs.models import Recurrence
from readers.builders import build_docx, build_html, build_pdf

PLAN_BODY = [
    "ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "Số: 45/KH-UBND", "Sơn La, ngày 10 tháng 01 năm 2025",
    "KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2025",
    "Thực hiện Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ, Ủy ban nhân dân tỉnh ban hành "
    "Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Nâng cao chất lượng giải quyết thủ tục hành chính cho người dân, doanh nghiệp.",
    "2. Yêu cầu",
    "Các sở, ban, ngành xác định rõ trách nhiệm, bảo đảm tiến độ, chất lượng.",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "1. Sở Tư pháp chủ trì, phối hợp với Văn phòng UBND tỉnh rà soát quy định thủ tục hành chính, "
    "hoàn thành trước ngày 30/6/2025.",
    "2. Công khai thủ tục hành chính trên Cổng dịch vụ công quốc gia.",
    "3. Giao Sở Khoa học và Công nghệ nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính "
    "của tỉnh trong Quý III/2025.",
    "III. KINH PHÍ",
    "1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch trong dự toán năm 2025.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Văn phòng UBND tỉnh",
    "a) Theo dõi, đôn đốc việc thực hiện Kế hoạch; định kỳ 6 tháng, hằng năm tổng hợp, báo cáo "
    "UBND tỉnh.",
    "b) Phối hợp với Sở Nội vụ, Trung tâm Phục vụ hành chính công tỉnh kiểm tra việc giải quyết "
    "thủ tục hành chính tại Bộ phận Một cửa các cấp.",
    "2. Các sở, ban, ngành, UBND các huyện, thành phố căn cứ nhiệm vụ được giao tại Kế hoạch này "
    "tổ chức triển khai thực hiện.",
    "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp giám sát việc thực hiện Kế hoạch.",
    "4. Sở Nội vụ đưa kết quả thực hiện Kế hoạch vào đánh giá, xếp loại thi đua các cơ quan.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo UBND tỉnh để chỉ đạo./.",
    "Nơi nhận:", "- Văn phòng Chính phủ;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Minh",
]
APPENDIX_TITLE = [
    "Phụ lục", "NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025",
    "(Kèm theo Kế hoạch số 45/KH-UBND ngày 10/01/2025 của UBND tỉnh Sơn La)",
]
HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Chỉ tiêu"]
ROWS = [
    ["1", "Công bố danh mục thủ tục hành chính", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Quý I/2025", "100%"],
    ["2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Các sở, ban, ngành", "Sở Khoa học và Công nghệ",
     "Trước ngày 31/10/2025", "-"],
    ["3", "Tập huấn cán bộ đầu mối", "Sở Nội vụ", "Văn phòng UBND tỉnh", "Thường xuyên", "x"],
]

# id: (lead, coordinating, deadline kind, due)
EXPECTED_PLAN = {
    "II.1": (("Sở Tư pháp",), ("Văn phòng Ủy ban nhân dân tỉnh",), "date", date(2025, 6, 30)),
    "II.3": (("Sở Khoa học và Công nghệ",), (), "period", date(2025, 9, 30)),
    "IV.1.a": (("Văn phòng Ủy ban nhân dân tỉnh",), (), "recurring", None),
    "IV.1.b": (("Văn phòng Ủy ban nhân dân tỉnh",),
               ("Sở Nội vụ", "Trung tâm Phục vụ hành chính công tỉnh"), None, None),
    "IV.3": (("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",), (), None, None),
    "IV.4": (("Sở Nội vụ",), (), None, None),
    "PL.1": (("Văn phòng Ủy ban nhân dân tỉnh",), ("Các sở, ban, ngành",), "period", date(2025, 3, 31)),
    "PL.2": (("Các sở, ban, ngành",), ("Sở Khoa học và Công nghệ",), "date", date(2025, 10, 31)),
    "PL.3": (("Sở Nội vụ",), ("Văn phòng Ủy ban nhân dân tỉnh",), "ongoing", None),
}


def _markdown_table(header, rows) -> list[str]:
    return (["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(row) + " |" for row in rows])


def _check_plan(table) -> None:
    tasks = {t.id: t for t in table.tasks}
    assert list(tasks) == list(EXPECTED_PLAN)
    for task_id, (lead, coordinating, kind, due) in EXPECTED_PLAN.items():
        task = tasks[task_id]
        assert task.lead == lead, task_id
        assert task.coordinating == coordinating, task_id
        assert (task.deadline.kind if task.deadline else None) == kind, task_id
        assert (task.deadline.due if task.deadline else None) == due, task_id
    assert tasks["IV.1.a"].deadline.recurrence == Recurrence("monthly", interval=6)
    assert tasks["II.1"].origin == "prose" and tasks["PL.1"].origin == "table"
    assert tasks["II.1"].section == "II. NHIỆM VỤ, GIẢI PHÁP"
    # a Chỉ tiêu cell of "-" or "x" is no target; "100%" is one
    assert [t.value for t in tasks["PL.1"].targets] == [100.0]
    assert tasks["PL.2"].targets == () and tasks["PL.3"].targets == ()
    # the "(Kèm theo …)" line above the table is no part of the plan
    assert all(not (t.part or "").startswith("(Kèm theo") for t in table.tasks)
    assert table.document.kind == "ke_hoach" and table.document.number == "45/KH-UBND"


def test_plan_as_text_gives_body_tasks_and_appendix_tasks():
    text = "\n".join(PLAN_BODY + APPENDIX_TITLE + _markdown_table(HEADER, ROWS))
    _check_plan(extract_bytes(text.encode("utf-8"), "ke-hoach.md"))


@pytest.mark.parametrize("build, suffix", [(build_docx, ".docx"), (build_pdf, ".pdf"), (build_html, ".html")])
def test_plan_as_a_word_pdf_or_web_page_gives_body_tasks_and_appendix_tasks(build, suffix, tmp_path):
    path = build(tmp_path / f"ke-hoach{suffix}", HEADER, ROWS, paragraphs_before=PLAN_BODY + APPENDIX_TITLE)
    _check_plan(extract_path(path))


DECISION = [
    "ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "Số: 120/QĐ-UBND", "Ninh Bình, ngày 15 tháng 3 năm 2025",
    "QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch rà soát, đơn giản hóa thủ tục hành chính năm 2025",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
    "Theo đề nghị của Chánh Văn phòng UBND tỉnh.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch rà soát, đơn giản hóa thủ tục hành chính năm 2025.",
    "Điều 2. Giao Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Tư pháp, Kho bạc Nhà nước khu vực VIII và "
    "Chi nhánh Ngân hàng Phát triển tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch; định kỳ 6 tháng báo cáo "
    "Chủ tịch UBND tỉnh.",
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Thủ trưởng các sở, ban, "
    "ngành và Chủ tịch UBND các huyện, thành phố chịu trách nhiệm thi hành Quyết định này./.",
    "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "CHỦ TỊCH", "Trần Văn Hòa",
    "KẾ HOẠCH", "Rà soát, đơn giản hóa thủ tục hành chính năm 2025",
    "(Ban hành kèm theo Quyết định số 120/QĐ-UBND ngày 15/3/2025 của Chủ tịch UBND tỉnh)",
    "I. MỤC TIÊU", "Cắt giảm tối thiểu 20% chi phí tuân thủ thủ tục hành chính.",
    "II. NỘI DUNG THỰC HIỆN",
    "1. Rà soát các thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh.",
    "2. Đơn giản hóa thành phần hồ sơ (chi tiết tại Phụ lục kèm theo).",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Sở Tư pháp",
    "- Hướng dẫn các cơ quan rà soát, hoàn thành trong tháng 4/2025.",
    "- Phối hợp với Hiệp hội Doanh nghiệp tỉnh, Thuế tỉnh lấy ý kiến doanh nghiệp, sau khi có hướng dẫn "
    "của Bộ Tư pháp, chậm nhất ngày 31/5/2025.",
    "2. Yêu cầu Công an tỉnh cập nhật dữ liệu dân cư phục vụ giải quyết thủ tục hành chính.",
    "3. Bộ phận Một cửa các cấp giải quyết hồ sơ không quá 08 giờ làm việc kể từ khi nhận đủ hồ sơ hợp lệ.",
    "Nơi nhận:", "- Lưu: VT.",
    "PHỤ LỤC", "(Kèm theo Quyết định số 120/QĐ-UBND ngày 15/3/2025)",
]
DECISION_ROWS = [
    ["1", "Rà soát thủ tục hành chính lĩnh vực đất đai", "Sở Nông nghiệp và Môi trường", "Sở Tư pháp",
     "Quý II/2025", "-"],
    ["2", "Rà soát thủ tục hành chính lĩnh vực xây dựng", "Sở Xây dựng", "Sở Tư pháp", "Quý III/2025", "-"],
]


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_decision_with_an_article_that_assigns_work_and_an_attached_plan(suffix, tmp_path):
    if suffix == ".docx":
        table = extract_path(build_docx(tmp_path / "quyet-dinh.docx", HEADER, DECISION_ROWS,
                                        paragraphs_before=DECISION))
    else:
        text = "\n".join(DECISION + _markdown_table(HEADER, DECISION_ROWS))
        table = extract_bytes(text.encode("utf-8"), "quyet-dinh.md")
    tasks = {t.id: t for t in table.tasks}
    assert list(tasks) == ["Điều 2", "III.1.1", "III.1.2", "III.2", "III.3", "PL.1", "PL.2"]
    article = tasks["Điều 2"]
    assert article.lead == ("Văn phòng Ủy ban nhân dân tỉnh",)
    # names the gazetteer lacks are kept as written, with a warning each
    assert article.coordinating == ("Sở Tư pháp", "Kho bạc Nhà nước khu vực VIII",
                                    "Chi nhánh Ngân hàng Phát triển tỉnh")
    assert any("Kho bạc Nhà nước khu vực VIII" in w for w in table.warnings)
    assert article.deadline.kind == "recurring" and article.deadline.recurrence == Recurrence("monthly", interval=6)
    assert tasks["III.1.1"].lead == ("Sở Tư pháp",) and tasks["III.1.1"].deadline.due == date(2025, 4, 30)
    # "Phối hợp với X …" under a heading that names an agency: the heading's task, X coordinates
    second = tasks["III.1.2"]
    assert second.lead == ("Sở Tư pháp",) and second.coordinating == ("Hiệp hội Doanh nghiệp tỉnh", "Thuế tỉnh")
    # the date wins over "sau khi …", which stays the condition
    assert (second.deadline.kind, second.deadline.due) == ("date", date(2025, 5, 31))
    assert second.deadline.condition.startswith("sau khi có hướng dẫn")
    assert tasks["III.2"].lead == ("Công an tỉnh",)
    # a time limit for handling each dossier is no deadline of the task
    assert tasks["III.3"].deadline is None
    assert table.document.kind == "quyet_dinh" and table.document.number == "120/QĐ-UBND"


@pytest.mark.parametrize("heading, expected", [
    # a Roman part that only points to the appendix summarises it: none of its items is a task
    ("II. NHIỆM VỤ TRỌNG TÂM", ["II.1", "PL.1"]),
    ("II. NỘI DUNG", ["II.1", "PL.1"]),
])
def test_body_items_need_an_agency_when_the_plan_has_a_table(heading, expected):
    text = "\n".join([
        "KẾ HOẠCH", "Số: 7/KH-UBND", heading,
        "1. Sở Y tế triển khai thanh toán trực tuyến viện phí, hoàn thành trước ngày 31/12/2025.",
        "2. Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình.",
        "III. NỘI DUNG CỤ THỂ",
        "1. Các cơ quan, đơn vị xây dựng kế hoạch số hóa hồ sơ.",
        "(Chi tiết tại Phụ lục kèm theo)",
        "Nơi nhận:",
        "PHỤ LỤC",
    ] + _markdown_table(HEADER, ROWS[:1]))
    assert [t.id for t in extract_bytes(text.encode("utf-8"), "kh.md").tasks] == expected


def test_a_reference_to_the_appendix_inside_an_instruction_is_no_summary():
    text = "\n".join([
        "KẾ HOẠCH", "Số: 9/KH-UBND", "III. TỔ CHỨC THỰC HIỆN",
        "1. Các sở, ban, ngành căn cứ nhiệm vụ được phân công tại Phụ lục kèm theo Kế hoạch này, xây dựng "
        "kế hoạch của đơn vị, gửi Văn phòng UBND tỉnh trước ngày 28/02/2025.",
        "2. Văn phòng UBND tỉnh theo dõi, tổng hợp kết quả.", "Nơi nhận:", "PHỤ LỤC",
    ] + _markdown_table(HEADER, ROWS[:1]))
    tasks = {t.id: t for t in extract_bytes(text.encode("utf-8"), "kh.md").tasks}
    assert list(tasks) == ["III.1", "III.2", "PL.1"]
    assert tasks["III.1"].deadline.due == date(2025, 2, 28)


def test_a_plan_without_a_table_keeps_every_item_of_its_task_parts():
    text = "\n".join(["KẾ HOẠCH", "Số: 8/KH-UBND", "II. NHIỆM VỤ",
                      "1. Rà soát thủ tục hành chính nội bộ, hoàn thành trong Quý II/2025.",
                      "2. Sở Nội vụ tổng hợp kết quả.", "Nơi nhận:"])
    assert [t.id for t in extract_bytes(text.encode("utf-8"), "kh.txt").tasks] == ["II.1", "II.2"]


@pytest.mark.parametrize("heading, lead", [
    ("1. Văn phòng UBND tỉnh", ("Văn phòng Ủy ban nhân dân tỉnh",)),
    ("1. Trách nhiệm của Văn phòng UBND tỉnh", ("Văn phòng Ủy ban nhân dân tỉnh",)),
    ("1. Nhiệm vụ của Sở Tư pháp:", ("Sở Tư pháp",)),
    ("1. Đối với Sở Nội vụ:", ("Sở Nội vụ",)),
    ("1. Giao Sở Y tế:", ("Sở Y tế",)),
    ("1. Giám đốc Sở Xây dựng", ("Sở Xây dựng",)),
    ("1. Các sở, ban, ngành, UBND cấp huyện:", ("Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện")),
])
def test_headings_that_name_who_acts_pass_it_to_their_items(heading, lead):
    text = "\n".join([
        "KẾ HOẠCH", "Số: 11/KH-UBND", "Hà Tĩnh, ngày 06 tháng 01 năm 2025", "IV. TỔ CHỨC THỰC HIỆN", heading,
        "- Chủ trì triển khai các nhiệm vụ tại Kế hoạch, hoàn thành trong Quý II/2025.",
        "- Tổng hợp, báo cáo kết quả về UBND tỉnh trước ngày 15/12/2025.",
        "Nơi nhận:", "PHỤ LỤC",
    ] + _markdown_table(HEADER, ROWS[:1]))
    tasks = {t.id: t for t in extract_bytes(text.encode("utf-8"), "kh.md").tasks}
    assert list(tasks) == ["IV.1.1", "IV.1.2", "PL.1"]
    assert tasks["IV.1.1"].lead == lead and tasks["IV.1.2"].lead == lead
    assert (tasks["IV.1.1"].deadline.due, tasks["IV.1.2"].deadline.due) == (date(2025, 6, 30), date(2025, 12, 15))


def test_a_plan_numbered_without_roman_parts():
    text = "\n".join([
        "KẾ HOẠCH", "Số: 14/KH-UBND", "Cao Bằng, ngày 08 tháng 01 năm 2025",
        "1. Mục đích, yêu cầu", "- Các sở, ban, ngành nâng cao trách nhiệm trong giải quyết thủ tục hành chính.",
        "2. Nhiệm vụ", "a) Sở Tư pháp rà soát quy định thủ tục hành chính, hoàn thành trong Quý II/2025.",
        "b) Công khai thủ tục hành chính đúng quy định.",
        "3. Kinh phí thực hiện", "Sở Tài chính bố trí kinh phí trong dự toán năm 2025.",
        "4. Tổ chức thực hiện", "Văn phòng UBND tỉnh theo dõi, đôn đốc, báo cáo UBND tỉnh trước ngày 20/12/2025.",
        "Nơi nhận:", "PHỤ LỤC",
    ] + _markdown_table(HEADER, ROWS[:1]))
    tasks = {t.id: t for t in extract_bytes(text.encode("utf-8"), "kh.md").tasks}
    assert list(tasks) == ["2.a", "4", "PL.1"]
    assert tasks["4"].lead == ("Văn phòng Ủy ban nhân dân tỉnh",) and tasks["4"].deadline.due == date(2025, 12, 20)


@pytest.mark.parametrize("item", ["1. Đánh giá kết quả thực hiện năm 2024", "1. Yêu cầu Sở Tư pháp rà soát"])
def test_an_instruction_that_starts_like_a_part_of_aims_is_still_a_task(item):
    text = "\n".join(["CHỈ THỊ", "Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành thực hiện các nội dung sau:", item,
                      "2. Công khai thủ tục hành chính.", "Nơi nhận:"])
    assert [t.id for t in extract_bytes(text.encode("utf-8"), "ct.txt").tasks] == ["1", "2"]
