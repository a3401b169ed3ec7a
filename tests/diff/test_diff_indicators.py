"""KPI rows (chỉ tiêu) compared between two versions: seed 002's 20 KPI rows
(Quyết định 242/QĐ-UBND, mục 9) against themselves and against a second version
made with edits known in advance, in every output."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tthc_docs.diff.compare import compare_indicators, diff_tables
from tthc_docs.diff.docx_out import render_docx
from tthc_docs.diff.html_out import render_html
from tthc_docs.diff.json_out import render_json
from tthc_docs.diff.report import table_report
from tthc_docs.diff.text import render_text
from tthc_docs.models import Indicator, TaskTable
from tthc_docs.render.check import check_docx

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
WHEN = datetime(2025, 3, 4, 9, 30, tzinfo=timezone.utc)
# A KPI the second version adds, in the wording of mục 9.2.
NEW_KPI = "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trước và đúng hạn"
# What a correct diff must report, by (old id, new id): 9.2.3 is dropped, so 9.2.4 becomes 9.2.3.
EXPECTED = {
    ("9.1.1", "9.1.1"): ("modified", ("target",)),
    ("9.1.3", "9.1.3"): ("modified", ("content",)),
    ("9.1.10", "9.1.10"): ("modified", ("lead",)),
    ("9.2.3", ""): ("removed", ()),
    ("9.2.4", "9.2.3"): ("modified", ("evaluator",)),
    ("", "9.2.4"): ("added", ()),
}


def second_version(seed: TaskTable) -> TaskTable:
    """Seed 002 with: a target raised (9.1.1: 80 → 90 %), a KPI reworded (9.1.3),
    a lead agency replaced after the 2025 reorganisation (9.1.10: Sở Thông tin và
    Truyền thông → Sở Khoa học và Công nghệ), a KPI dropped (9.2.3), the next one
    renumbered with a new evaluator (9.2.4 → 9.2.3, Sở Nội vụ) and a KPI added."""
    rows: list[Indicator] = []
    for kpi in seed.indicators:
        if kpi.id == "9.2.3":
            continue
        if kpi.id == "9.1.1":
            kpi = replace(kpi, target="90")
        elif kpi.id == "9.1.3":
            kpi = replace(kpi, content=kpi.content.replace("trực tuyến trên", "trực tuyến toàn trình trên"))
        elif kpi.id == "9.1.10":
            kpi = replace(kpi, lead=("Sở Khoa học và Công nghệ",), lead_raw="Sở Khoa học và Công nghệ")
        elif kpi.id == "9.2.4":
            kpi = replace(kpi, id="9.2.3", evaluator=("Sở Nội vụ",), evaluator_raw="Sở Nội vụ")
        rows.append(kpi)
        if kpi.id == "9.2.3":
            rows.append(replace(kpi, id="9.2.4", content=NEW_KPI, target="Tối thiểu 95", targets=()))
    return replace(seed, source="quyet-dinh-242-du-thao-2.json", indicators=tuple(rows))


@pytest.fixture(scope="module")
def result(seed_002):
    return diff_tables(seed_002, second_version(seed_002))


def test_seed_002_has_its_20_kpi_rows_and_they_match_themselves(seed_002):
    assert len(seed_002.indicators) == 20
    same = diff_tables(seed_002, TaskTable.from_dict(seed_002.to_dict()))
    assert same.indicator_summary == {"unchanged": 20, "modified": 0, "added": 0, "removed": 0}


def test_every_edit_is_found_and_nothing_else(result):
    edits = {(", ".join(k.id for k in c.old), ", ".join(k.id for k in c.new)): (c.status, c.field_names)
             for c in result.indicators if c.status != "unchanged"}
    assert edits == EXPECTED
    assert result.indicator_summary == {"unchanged": 15, "modified": 4, "added": 1, "removed": 1}
    # The tasks are untouched and reported so.
    assert result.summary["unchanged"] == 126 + 7 and len(result.edits) == 0  # appendix rows + body tasks


def test_changes_follow_the_new_order_with_the_removed_row_in_place(result):
    order = [(c.old[0].id if c.old else "", c.new[0].id if c.new else "") for c in result.indicators]
    assert order.index(("9.2.2", "9.2.2")) < order.index(("9.2.3", "")) < order.index(("9.2.4", "9.2.3"))
    assert order[-4:] == [("", "9.2.4"), ("9.3.1", "9.3.1"), ("9.3.2", "9.3.2"), ("9.3.3", "9.3.3")]


def test_field_values_of_the_changes(result):
    by_old = {c.old[0].id: c for c in result.indicators if c.old and c.status == "modified"}
    target = by_old["9.1.1"].fields[0]
    assert (target.field, target.old, target.new) == ("target", "80", "90")
    lead = by_old["9.1.10"].fields[0]
    assert (lead.removed, lead.added) == (("Sở Thông tin và Truyền thông",), ("Sở Khoa học và Công nghệ",))
    evaluator = by_old["9.2.4"].fields[0]
    assert (evaluator.removed, evaluator.added) == (("Văn phòng Ủy ban nhân dân tỉnh",), ("Sở Nội vụ",))


KPI = Indicator(id="9.2.2", content="Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa.", unit="%",
                target="Tối thiểu 50", lead=("Các sở, ban, ngành, địa phương",),
                coordinating=("Sở Thông tin và Truyền thông",), evaluator=("Văn phòng Ủy ban nhân dân tỉnh",))


@pytest.mark.parametrize(("changes", "fields"), [
    ({"unit": "Tỷ lệ (%)"}, ("unit",)),
    ({"target": "Tối thiểu 60"}, ("target",)),
    ({"target": "Tối thiểu  50 "}, ()),                          # spacing is no change
    ({"content": "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hoá."}, ()),   # old tone placement
    ({"id": "9.2.1"}, ()),                                       # renumbering is no change
    ({"coordinating": ("Sở Khoa học và Công nghệ",)}, ("coordinating",)),
    ({"coordinating": ("Sở Thông Tin và Truyền Thông",)}, ()),  # case of an agency name
    ({"unit": "điểm", "evaluator": ("Sở Nội vụ",)}, ("unit", "evaluator")),
])
def test_compare_indicators(changes, fields):
    assert tuple(f.field for f in compare_indicators(KPI, replace(KPI, **changes))) == fields


# ------------------------------------------------------------------ outputs


def test_json_lists_indicator_changes_and_counts(result):
    data = json.loads(render_json(result))
    assert data["indicators"] == {"unchanged": 15, "modified": 4, "added": 1, "removed": 1}
    assert set(data["summary"]) == {"unchanged", "modified", "added", "removed", "split", "merged"}
    assert len(data["indicator_changes"]) == 21
    target = next(c for c in data["indicator_changes"] if c["fields"] == ["target"])
    assert [k["id"] for k in target["old"]] == ["9.1.1"] and target["new"][0]["target"] == "90"
    assert target["details"][0]["words"] == [{"op": "delete", "text": "80"}, {"op": "insert", "text": "90"}]
    added = next(c for c in data["indicator_changes"] if c["status"] == "added")
    assert added["old"] == [] and Indicator.from_dict(added["new"][0]).content == NEW_KPI


def test_text_has_a_kpi_section(result):
    text = render_text(table_report(result))
    kpis = text.split("SO SÁNH CHỈ TIÊU\n")[1]
    assert kpis.startswith("Tổng hợp chỉ tiêu: Không đổi 15, Sửa đổi 4, Bổ sung 1, Lược bỏ 1\n")
    assert "~ 9.1.1\n    Đổi giá trị chỉ tiêu: 80 → 90\n      Giá trị chỉ tiêu: [-80-]{+90+}" in kpis
    assert "~ 9.2.4 → 9.2.3\n    Bỏ cơ quan đánh giá: Văn phòng Ủy ban nhân dân tỉnh" in kpis
    assert "- 9.2.3\n    Chỉ tiêu bị bỏ" in kpis and "+ 9.2.4\n    Chỉ tiêu mới" in kpis


def test_html_has_a_second_table(result):
    soup = BeautifulSoup(render_html(table_report(result)), "html.parser")
    tasks, kpis = soup.select("table.diff")
    assert tasks.select("tbody tr") == []
    assert soup.find("h2").get_text() == "SO SÁNH CHỈ TIÊU"
    rows = kpis.select("tbody tr")
    assert [r["class"][0] for r in rows] == ["modified", "modified", "modified", "removed", "modified", "added"]
    assert [d.get_text() for d in rows[2].find_all("del")] == ["Thông tin", "Truyền thông"]
    assert [td.get_text() for td in soup.select("table.summary")[1].find_all("td")] == ["15", "4", "1", "1"]


def test_docx_has_a_second_table_with_tracked_changes(result, tmp_path):
    data = render_docx(table_report(result, issuer="Ủy ban nhân dân tỉnh An Giang", place="An Giang"), when=WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    header, tasks, kpis = root.findall(".//w:body/w:tbl", NS)
    assert len(tasks.findall("w:tr", NS)) == 1 and len(kpis.findall("w:tr", NS)) == 1 + 6
    target_row = kpis.findall("w:tr", NS)[1]
    assert [d.findtext(".//w:delText", namespaces=NS) for d in target_row.findall(".//w:del", NS)] == ["80"]
    assert [i.findtext(".//w:t", namespaces=NS) for i in target_row.findall(".//w:ins", NS)] == ["90"]
    ids = [e.get(f"{{{NS['w']}}}id") for e in root.findall(".//w:ins", NS) + root.findall(".//w:del", NS)]
    assert len(ids) == len(set(ids))
    path = tmp_path / "so-sanh-chi-tieu.docx"
    path.write_bytes(data)
    assert [str(d) for d in check_docx(path)] == []


def test_tables_without_kpi_rows_have_no_kpi_section(seed_002):
    plain = replace(seed_002, indicators=())
    result = diff_tables(plain, plain)
    assert result.indicators == () and json.loads(render_json(result))["indicator_changes"] == []
    report = table_report(result)
    assert "CHỈ TIÊU" not in render_text(report) and "<h2>" not in render_html(report)
