"""Data → template context: header wording, body numbering, the appendix rows
(group rows, numbering, agencies)."""

from __future__ import annotations

from datetime import date

from tthc_docs.models import Deadline, Indicator, Task
from tthc_docs.render.context import body_sections, header_context, indicator_rows, task_rows
from tthc_docs.render.meta import Section, parse_meta

# Seed 001 (Kế hoạch 5755/KH-UBND appendix): sections without numbers, as extracted.
SEED_001_TASKS = (
    Task(id="I.1", section="Năm 2021", content="Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
         lead=("Văn phòng Ủy ban nhân dân tỉnh",), lead_raw="Văn phòng UBND tỉnh",
         coordinating=("Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp xã"),
         coordinating_raw="Các sở, ban, ngành, UBND cấp huyện, xã",
         deadline=Deadline(text="Tháng 5/2021", kind="period", due=date(2021, 5, 31)),
         product="Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án được phê duyệt"),
    Task(id="I.2", section="Năm 2021", content="Triển khai rà soát, nâng cấp, hoàn thiện cơ sở hạ tầng CNTT",
         lead_raw="Sở Thông tin và Truyền thông", coordinating_raw="Sở Nội vụ, Văn phòng UBND tỉnh",
         product="Phần mềm một cửa được nâng cấp"),
    Task(id="II.1", section="Năm 2022", content="Thực hiện việc số hóa kết quả giải quyết TTHC còn hiệu lực",
         lead=("Sở Thông tin và Truyền thông",),
         deadline=Deadline(text="Năm 2022", kind="period", due=date(2022, 12, 31))),
)
# Seed 002 (Quyết định 242/QĐ-UBND appendix): numbered parts with unnumbered groups inside.
PART_3 = "3. Tiếp tục triển khai thực hiện cơ chế Một cửa, Một cửa liên thông trong giải quyết TTHC"
SEED_002_TASKS = (
    Task(id="3.1", part=PART_3, section="Thực hiện cơ chế một cửa, một cửa liên thông", content="A"),
    Task(id="3.2", part=PART_3, section="Thực hiện cơ chế một cửa, một cửa liên thông", content="B"),
    Task(id="3.3", part=PART_3, section="Đổi mới cơ chế một cửa, một cửa liên thông", content="C"),
    Task(id="4.1", part="4. Đẩy nhanh số hóa hồ sơ, kết quả giải quyết TTHC", content="D"),
)


def test_sections_get_roman_numerals_and_tasks_restart_numbering():
    rows = task_rows(SEED_001_TASKS)
    assert [(r["is_group"], r["heading"] or r["no"]) for r in rows] == [
        (True, "I. Năm 2021"), (False, "1"), (False, "2"), (True, "II. Năm 2022"), (False, "1")]


def test_task_row_cells():
    first, second = task_rows(SEED_001_TASKS)[1:3]
    assert first["lead"] == "Văn phòng Ủy ban nhân dân tỉnh"
    assert first["coordinating"] == "Các sở, ban, ngành; Ủy ban nhân dân cấp huyện; Ủy ban nhân dân cấp xã"
    assert first["deadline"] == "Tháng 5/2021"
    # Without canonical names the cell text as written is kept.
    assert (second["lead"], second["coordinating"], second["deadline"]) == (
        "Sở Thông tin và Truyền thông", "Sở Nội vụ, Văn phòng UBND tỉnh", "")


def test_numbered_parts_keep_their_numbers_and_groups_follow():
    rows = task_rows(SEED_002_TASKS)
    assert [r["heading"] or r["no"] for r in rows] == [
        PART_3, "Thực hiện cơ chế một cửa, một cửa liên thông", "1", "2",
        "Đổi mới cơ chế một cửa, một cửa liên thông", "1",
        "4. Đẩy nhanh số hóa hồ sơ, kết quả giải quyết TTHC", "1"]


def test_tasks_without_groups_are_numbered_straight_through():
    rows = task_rows([Task(id=str(n), content=f"Nhiệm vụ {n}") for n in range(1, 4)])
    assert [(r["is_group"], r["no"]) for r in rows] == [(False, "1"), (False, "2"), (False, "3")]
    assert task_rows([]) == []


def test_body_sections_numbering():
    sections = body_sections([Section("Mục đích, yêu cầu", subsections=(Section("Mục đích"), Section("Yêu cầu"))),
                              Section("Tổ chức thực hiện", paragraphs=("Văn phòng UBND tỉnh theo dõi.",))])
    assert [s["heading"] for s in sections] == ["I. MỤC ĐÍCH, YÊU CẦU", "II. TỔ CHỨC THỰC HIỆN"]
    assert [s["heading"] for s in sections[0]["subsections"]] == ["1. Mục đích", "2. Yêu cầu"]
    assert body_sections([Section("Kiến nghị")], first=4)[0]["heading"] == "IV. KIẾN NGHỊ"


def test_header_context():
    meta = parse_meta({"issuing_body": ["Ủy ban nhân dân", "tỉnh An Giang"], "number": "242/QĐ-UBND",
                       "place": "An Giang", "date": "24/02/2025", "issuer_name": "Chủ tịch UBND tỉnh An Giang",
                       "signature": {"authority": "KT. Chủ tịch", "title": "Phó Chủ tịch", "name": "Hồ Văn Mừng"},
                       "recipients": ["Như Điều 3", "Lưu: VT, TTHC"]}, "apology")
    context = header_context(meta)
    assert context["issuing_body"] == "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG"
    assert context["parent_body"] == ""
    assert context["number_line"] == "Số: 242/QĐ-UBND"
    assert context["place_date"] == "An Giang, ngày 24 tháng 02 năm 2025"
    assert context["signature"] == {"authority": ["KT. CHỦ TỊCH"], "title": "PHÓ CHỦ TỊCH", "name": "Hồ Văn Mừng"}
    assert context["recipients"] == ["- Như Điều 3;", "- Lưu: VT, TTHC."]


def test_indicator_rows():
    # Seed 002, table 9.1.
    rows = indicator_rows([Indicator(id="9.1.1", content="Tỷ lệ hồ sơ giải quyết đúng hạn", unit="%",
                                     target="≥ 98", lead_raw="Các sở, ban, ngành")])
    assert rows == [{"no": "1", "content": "Tỷ lệ hồ sơ giải quyết đúng hạn", "unit": "%", "target": "≥ 98",
                     "lead": "Các sở, ban, ngành", "section": ""}]
