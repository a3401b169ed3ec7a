"""The seeds, extracted end to end: the counts and cells below were read off the
documents themselves (see the line numbers in the comments)."""

from collections import Counter
from datetime import date

import pytest

from tthc_docs.extract import extract_path

from tests.conftest import SEED_CHI_THI_000, SEED_CONG_VAN_004, SEED_KE_HOACH_003, SEED_PHU_LUC_001, SEED_QUYET_DINH_002


@pytest.fixture(scope="module")
def seed001():
    return extract_path(SEED_PHU_LUC_001)


@pytest.fixture(scope="module")
def seed002():
    return extract_path(SEED_QUYET_DINH_002)


@pytest.fixture(scope="module")
def seed003():
    return extract_path(SEED_KE_HOACH_003)


@pytest.fixture(scope="module")
def seed000():
    return extract_path(SEED_CHI_THI_000)


@pytest.fixture(scope="module")
def seed004():
    return extract_path(SEED_CONG_VAN_004)


def by_id(table):
    return {t.id: t for t in table.tasks}


def test_seed001_sections_and_counts(seed001):
    assert len(seed001.tasks) == 41
    assert Counter(t.section for t in seed001.tasks) == {"Năm 2021": 24, "Năm 2022": 9, "Năm 2023 - 2025": 8}


def test_seed001_cells(seed001):
    tasks = by_id(seed001)
    assert tasks["I.20"].content.count("·") == 2
    assert tasks["I.6"].lead == ("Sở Thông tin và Truyền thông",)
    assert tasks["I.6"].implementing == ("Các sở, ban, ngành, địa phương",)
    assert tasks["I.6"].deadline.text == "Quý IV/ 2021"
    # The monitoring column ("Đơn vị theo dõi, đôn đốc") is empty only in row I.8 (a lone TAB, line 91).
    assert [t.id for t in seed001.tasks if not t.monitoring] == ["I.8"]
    assert tasks["I.8"].monitoring_raw is None
    assert tasks["III.8"].product.startswith("Phần mềm giám sát")


def test_seed003_tasks_sections_and_blank_line_inside_a_cell(seed003):
    table = [t for t in seed003.tasks if t.origin == "table"]
    assert [t.id for t in table] == [f"PL.{n}" for n in range(1, 35)]
    assert Counter(t.section for t in table)["Các nhiệm vụ khác"] == 4
    assert "Thực hiện nghiêm việc tiếp nhận" in by_id(seed003)["PL.16"].content
    assert not any(t.content.startswith("Về ") for t in seed003.tasks)  # section titles are not tasks


def test_seed003_decision_articles_that_assign_work(seed003):
    # "Điều 2. Tổ chức thực hiện" (lines 9–14): items 2–5 name who acts; item 1 only asks
    # everyone to carry out "nhiệm vụ được giao tại Kế hoạch này" (a general requirement).
    body = by_id(seed003)
    assert [t.id for t in seed003.tasks if t.origin == "prose"] == ["Điều 2.2", "Điều 2.3", "Điều 2.4", "Điều 2.5"]
    assert body["Điều 2.2"].lead == ("Sở Nội vụ",)
    assert body["Điều 2.2"].coordinating == ("Văn phòng Ủy ban nhân dân tỉnh",)
    assert body["Điều 2.3"].lead == ("Sở Tài chính",)
    assert body["Điều 2.5"].lead == ("Văn phòng Ủy ban nhân dân tỉnh",)
    assert body["Điều 2.5"].section == "Điều 2. Tổ chức thực hiện"


def test_seed002_tasks_indicators_and_metadata(seed002):
    table = [t for t in seed002.tasks if t.origin == "table"]
    assert len(table) == 126 and all(t.id.startswith("PL.") for t in table)
    assert len({t.id for t in seed002.tasks}) == len(seed002.tasks)
    parts = Counter(t.part.split(".")[0] for t in table)
    assert set(parts) == {"1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "12", "13"}
    assert parts["3"] == 22 and parts["13"] == 4  # section 3: Stt 1–22 (lines 332–524)
    assert Counter(i.section.split(" ")[0] for i in seed002.indicators) == {"9.1.": 13, "9.2.": 4, "9.3.": 3}
    doc = seed002.document
    assert (doc.number, doc.date, doc.signer, doc.kind) == ("242/QĐ-UBND", date(2025, 2, 24), "Hồ Văn Mừng",
                                                           "quyet_dinh")
    assert "An Giang" in doc.issuer


def test_seed002_group_rows_and_merged_cells(seed002):
    tasks = by_id(seed002)
    assert tasks["PL.3.13"].section == "Đổi mới cơ chế một cửa, một cửa liên thông"
    assert tasks["PL.3.13"].content.startswith("Đẩy mạnh triển khai thực hiện cơ chế giao doanh nghiệp")
    assert not any(t.content == "Thực hiện cơ chế một cửa, một cửa liên thông" for t in seed002.tasks)
    assert tasks["PL.10.8"].lead_raw == "Đã được phân công theo Kế hoạch số 243/KH-UBND"


def test_seed002_plan_body_assigns_work_in_its_last_part(seed002):
    # The plan's "V. TỔ CHỨC THỰC HIỆN" (lines 128–141) names who acts; "III. NỘI DUNG THỰC
    # HIỆN" only summarises the appendix ("(Chi tiết phụ lục kèm theo)"), "II. MỤC ĐÍCH, YÊU
    # CẦU" and "IV. KINH PHÍ" state aims and funding: they give no task.
    body = {t.id: t for t in seed002.tasks if t.origin == "prose"}
    assert list(body) == ["V.1.1", "V.1.3", "V.1.4", "V.2", "V.3", "V.4.1", "V.4.2"]
    # V.1.2 only asks to go on with "nhiệm vụ được giao chủ trì theo Kế hoạch này"
    assert body["V.1.1"].deadline.due == date(2025, 3, 7)
    assert body["V.1.4"].deadline.recurrence.freq == "monthly"
    assert body["V.2"].lead == ("Sở Tài chính",) and "Văn phòng Ủy ban nhân dân tỉnh" in body["V.2"].coordinating
    # "3. Sở Nội vụ / Phối hợp chặt chẽ với các đơn vị có liên quan và Văn phòng UBND tỉnh …"
    assert body["V.3"].lead == ("Sở Nội vụ",) and "Văn phòng Ủy ban nhân dân tỉnh" in body["V.3"].coordinating
    assert body["V.4.2"].lead == ("Văn phòng Ủy ban nhân dân tỉnh",)


def test_seed002_kpi_rows(seed002):
    kpis = {i.id: i for i in seed002.indicators}
    assert kpis["9.1.8.1"].lead_raw == "Sở Kế hoạch và Đầu tư"
    assert (kpis["9.2.2"].unit, kpis["9.2.2"].target) == ("%", "Tối thiểu 50")
    assert kpis["9.1.9"].evaluator_raw == "Sở Thông tin và Truyền thông"


def test_seed000_appendix(seed000):
    appendix = [t for t in seed000.tasks if t.origin == "table"]
    assert [t.id for t in appendix] == [f"PL.{n}" for n in range(1, 14)]
    seventh = appendix[6]
    assert "100% TTTC công khai trên Cơ sở dữ liệu quốc gia" in seventh.content
    assert seventh.lead_raw == "Các sở, ban, ngành, UBND cấp huyện, UBND cấp xã"


def test_no_markup_left_anywhere(seed000, seed004):
    for table in (seed000, seed004):
        text = str(table.to_dict())
        assert "<ol" not in text and "<ul" not in text and "<li" not in text and "**" not in text
