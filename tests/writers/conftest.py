"""Task tables built by hand from the seeds' wording (seed 000 Chỉ thị appendix,
seed 001 Kế hoạch 5755 appendix, seed 002 KPI table 9.1, seed 004 Công văn),
with the awkward cases writers must survive: "&", "|", line breaks, empty lists,
no deadline, a cell starting with "-" or "=", no indicators."""

from __future__ import annotations

from datetime import date

import pytest

from tthc_docs.models import (Deadline, DocumentInfo, Indicator, Recurrence, SourceRef, Target, Task,
                              TaskTable)

TASKS = (
    Task(
        id="1", part="I. Năm 2021", section=None,
        content="Xây dựng Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án.",
        lead=("Văn phòng UBND tỉnh",), implementing=("Văn phòng UBND tỉnh",),
        coordinating=("Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"),
        monitoring=("Văn phòng UBND tỉnh",),
        deadline=Deadline(text="Tháng 5/2021", kind="period", due=date(2021, 5, 31)),
        product="Kế hoạch, các văn bản chỉ đạo, triển khai thực hiện Đề án được phê duyệt",
        source=SourceRef(line=15),
    ),
    Task(
        id="2", part="I. Năm 2021",
        content="Tối thiểu 80% thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình "
                "| một phần trên Cổng dịch vụ công quốc gia",
        lead=("Sở TT&TT",), coordinating=("- Các cơ quan, đơn vị.", "Văn phòng UBND tỉnh"),
        deadline=Deadline(text="Trước ngày 15/02/2024", kind="date", due=date(2024, 2, 15)),
        targets=(Target(text="Tối thiểu 80%", value=80.0, unit="%", comparator="≥"),),
        notes="Chưa hoàn thành: Sở Kế hoạch và Đầu tư;\nSở Lao động – Thương binh và Xã hội.",
        status="in_progress",
        source=SourceRef(page=3, table=2, row=5),
    ),
    Task(
        id="3", part="II. Năm 2022", section="Công khai TTHC",
        content="=100% kết quả xử lý hồ sơ thủ tục hành chính được đồng bộ đầy đủ",
        lead=("Các cơ quan, đơn vị, địa phương",),
        deadline=Deadline(text="Thường xuyên trong năm 2024", kind="ongoing",
                          recurrence=Recurrence(freq="monthly")),
        status="done", completed_on=date(2024, 11, 5),
    ),
    Task(id="4", content="Rà soát, đơn giản hóa thủ tục hành chính nội bộ", origin="prose"),
)

INDICATORS = (
    Indicator(id="1", section="9.1. Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP",
              content="Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính "
                      "có đủ điều kiện trên Cổng Dịch vụ công quốc gia.",
              unit="%", target="80", lead=("Sở, ngành, địa phương",),
              coordinating=("Sở Thông tin và Truyền thông",), evaluator=("Văn phòng UBND tỉnh",)),
    Indicator(id="6", content="Tỷ lệ nhiệm vụ chính phủ, Thủ tướng Chính phủ giao được theo dõi | giám sát",
              unit="%", target="100", lead=("Văn phòng UBND tỉnh",)),
)

DOCUMENT = DocumentInfo(kind="ke_hoach", number="5755/KH-UBND", date=date(2021, 5, 27), issuer="UBND tỉnh",
                        title="Triển khai thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021",
                        signer="Nguyễn Văn A", place="Hải Dương")


@pytest.fixture
def plan() -> TaskTable:
    return TaskTable(source="corpus/ke-hoach-5755.txt", document=DOCUMENT, tasks=TASKS, indicators=INDICATORS,
                     warnings=("dòng 40: bảng bị ngắt trang",))


@pytest.fixture
def no_indicators() -> TaskTable:
    return TaskTable(source="cong-van-2370.md",
                     document=DocumentInfo(kind="cong_van", number="2370/UBND-TTHC", date=date(2024, 5, 13)),
                     tasks=TASKS[:2])


@pytest.fixture
def empty() -> TaskTable:
    return TaskTable(source="")
