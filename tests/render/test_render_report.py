"""The progress report: each task's category as of a date, counts by agency,
the overdue list, the chart."""

from __future__ import annotations

import io
from datetime import date

import pytest
from render_helpers import EXAMPLES

from tthc_docs.errors import DataError
from tthc_docs.models import Deadline, Recurrence, Task, TaskTable
from tthc_docs.render.meta import load_meta
from tthc_docs.render.report import chart_png, classify, progress, report_context

AS_OF = date(2025, 7, 1)
QUY_I = Deadline(text="Quý I/2025", kind="period", due=date(2025, 3, 31))
TRUOC = Deadline(text="Trước ngày 01/7/2025", kind="date", due=date(2025, 7, 1))
NAM = Deadline(text="Năm 2025", kind="period", due=date(2025, 12, 31))
THUONG_XUYEN = Deadline(text="Thường xuyên", kind="ongoing")
HANG_THANG = Deadline(text="Ngày 05 hàng tháng", kind="recurring", recurrence=Recurrence(freq="monthly", day=5))
SAU_KHI = Deadline(text="Sau khi có hướng dẫn của bộ, ngành Trung ương", kind="conditional")


@pytest.mark.parametrize(("status", "completed", "deadline", "category", "days"), [
    ("done", date(2025, 3, 20), QUY_I, "done_on_time", 0),
    ("done", date(2025, 3, 31), QUY_I, "done_on_time", 0),
    ("done", date(2025, 4, 10), QUY_I, "done_late", 10),
    ("done", None, QUY_I, "done_on_time", 0),
    ("done", date(2025, 5, 1), THUONG_XUYEN, "done_on_time", 0),
    ("in_progress", None, QUY_I, "overdue", 92),
    (None, None, QUY_I, "overdue", 92),
    ("not_started", None, QUY_I, "overdue", 92),
    (None, None, TRUOC, "not_yet_due", 0),          # the due date itself is still in time
    ("in_progress", None, TRUOC, "in_progress", 0),
    ("in_progress", None, NAM, "in_progress", 0),
    ("not_started", None, NAM, "not_yet_due", 0),
    ("", None, NAM, "not_yet_due", 0),
    (None, None, THUONG_XUYEN, "no_deadline", 0),
    ("in_progress", None, HANG_THANG, "no_deadline", 0),
    (None, None, SAU_KHI, "no_deadline", 0),
    (None, None, None, "no_deadline", 0),
])
def test_classify(status, completed, deadline, category, days):
    result = classify(Task(id="1", content="x", status=status, completed_on=completed, deadline=deadline), AS_OF)
    assert (result.category, result.days_late) == (category, days)


def test_unknown_status_names_the_task_and_word():
    with pytest.raises(DataError, match=r"task 2\.3: unknown status 'Hoàn thành'"):
        classify(Task(id="2.3", content="x", status="Hoàn thành"), AS_OF)


TABLE = TaskTable(source="test", tasks=(
    Task(id="1", content="Rà soát TTHC", lead=("Sở Tư pháp",), deadline=QUY_I),
    Task(id="2", content="Số hóa hồ sơ", lead=("Sở Tư pháp", "Sở Nội vụ"), deadline=NAM, status="in_progress"),
    Task(id="3", content="Công khai TTHC", lead=("Sở Nội vụ",), deadline=Deadline("Tháng 6/2025", "period",
                                                                                   date(2025, 6, 30))),
    # Seed 002, task 10.8: the lead cell names no agency.
    Task(id="4", content="Báo cáo định kỳ", lead_raw="Đã được phân công theo Kế hoạch số 243/KH-UBND",
         deadline=HANG_THANG),
    Task(id="5", content="Tập huấn", deadline=QUY_I, status="done", completed_on=date(2025, 4, 2)),
))


def test_progress_counts_and_agencies():
    state = progress(TABLE, AS_OF)
    assert state.counts == (0, 1, 1, 2, 0, 1)
    by_agency = {a.agency: a.counts for a in state.agencies}
    assert by_agency["Sở Tư pháp"] == (0, 0, 1, 1, 0, 0)
    assert by_agency["Sở Nội vụ"] == (0, 0, 1, 1, 0, 0)
    assert by_agency["(Chưa xác định cơ quan chủ trì)"] == (0, 1, 0, 0, 0, 1)
    assert len(by_agency) == 3
    assert [t.task.id for t in state.overdue] == ["1", "3"]     # longest overdue first
    assert [t.days_late for t in state.overdue] == [92, 1]


def test_report_context():
    meta = load_meta(EXAMPLES / "report.meta.yaml", "report")
    context = report_context(progress(TABLE, AS_OF), meta)
    assert context["as_of_words"] == "ngày 01 tháng 7 năm 2025"
    assert context["total"] == "5"
    assert [c["percent"] for c in context["categories"]] == ["0,0%", "20,0%", "20,0%", "40,0%", "0,0%", "20,0%"]
    assert context["overdue"][0] == {"no": "1", "content": "Rà soát TTHC", "lead": "Sở Tư pháp",
                                     "deadline": "Quý I/2025", "due": "31/03/2025", "days_late": "92"}
    assert context["body"][0]["heading"] == "IV. KIẾN NGHỊ"


def test_chart_is_a_png_of_the_frame_size():
    from matplotlib.image import imread

    many = TaskTable(source="t", tasks=tuple(Task(id=str(n), content="x", lead=(f"Cơ quan {n}",), deadline=QUY_I)
                                           for n in range(20)))
    data = chart_png(progress(many, AS_OF), 6 * 914_400, 3_429_000, dpi=100)  # 6 × 3.75 in
    assert data.startswith(b"\x89PNG")
    height, width = imread(io.BytesIO(data)).shape[:2]
    assert (width, height) == (600, 375)
