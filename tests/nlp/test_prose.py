"""Tasks from the numbered prose of directives and letters."""

from datetime import date

import pytest

from tthc_docs.extract import extract_path
from tthc_docs.nlp.prose import assigned_agencies, deadline_phrases, prose_tasks
from tthc_docs.readers.txt_reader import parse_text
from tthc_docs.nlp import prose
from tests.conftest import SEED_CHI_THI_000, SEED_CONG_VAN_004, SEED_KE_HOACH_003, SEED_QUYET_DINH_002


@pytest.fixture(scope="module")
def directive():
    return {t.id: t for t in extract_path(SEED_CHI_THI_000).tasks if t.origin == "prose"}


@pytest.fixture(scope="module")
def letter():
    return {t.id: t for t in extract_path(SEED_CONG_VAN_004).tasks if t.origin == "prose"}


def test_heading_addressee_and_deadline_pass_to_items(directive):
    for label in "abcd":
        task = directive[f"10.{label}"]
        assert task.lead == ("Sở Thông tin và Truyền thông",)
        assert task.deadline.due == date(2024, 11, 30)
    assert "10" not in directive  # the heading only introduces its items


def test_bullets_with_their_own_deadlines_are_tasks(directive):
    bullets = [directive[f"9.b.{n}"] for n in range(1, 6)]
    assert [t.deadline.due for t in bullets] == [date(2024, 12, 15), date(2024, 11, 15), date(2024, 12, 15),
                                                 date(2024, 11, 30), date(2024, 11, 15)]
    assert "Sở Tài nguyên và Môi trường" in bullets[0].lead and "Sở Y tế" in bullets[0].lead
    assert "Sở Kế hoạch và Đầu tư" in bullets[0].lead and len(bullets[0].lead) == 8
    assert bullets[3].lead == ("Các sở, ban, ngành",)  # inherited from "9. Thủ trưởng các Sở, ban, ngành"
    assert "9.b" not in directive


def test_bullets_that_enumerate_one_instruction_stay_in_it(directive):
    assert not any(key.startswith("6.b.") for key in directive)
    assert "Tiếp xúc riêng để hoàn thiện hồ sơ" in directive["6.b"].content


def test_sub_heading_addressee_and_own_deadline(directive):
    assert directive["12.d.1"].lead == ("Văn phòng Ủy ban nhân dân tỉnh",)
    assert directive["12.d.1"].deadline.due == date(2025, 3, 31)
    assert "đề cao trách nhiệm của bộ phận một cửa" in directive["12.d.1"].content  # joined across the page


def test_footnote_is_a_note_not_content(directive, letter):
    assert "Ưu tiên các Hệ thống" not in directive["10.a"].content
    assert directive["10.a"].notes.startswith("Ưu tiên các Hệ thống")
    for task in letter.values():
        assert "Khoản 2 Điều 17" not in task.content and "Quyết định số 1405/QĐ-BGTVT" not in task.content
        assert "¹" not in task.content and "²" not in task.content


def test_no_closing_or_distribution_list_is_a_task(directive, letter):
    for tasks in (directive, letter):
        for task in tasks.values():
            assert not task.content.startswith(("Nơi nhận", "Yêu cầu Thủ trưởng", "- Lưu", "Kính gửi", "Căn cứ"))


def test_items_without_an_agency_take_the_addressees_of_the_opening_sentence(directive):
    assert directive["1"].lead == ("Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện")


def test_letter_targets_and_deadline(letter):
    values = lambda task: [(t.value, t.comparator) for t in task.targets]  # noqa: E731
    assert values(letter["2.a.1"]) == [(98.0, "≥"), (96.0, "≥")]
    assert values(letter["2.a.2"]) == [(99.0, "≥")]
    assert values(letter["3.d"]) == [(90.0, "≥"), (95.0, "≥")]
    assert letter["3.a"].deadline.due == date(2024, 6, 15)
    assert "1" not in letter and "2" not in letter  # "1. Về công bố …": a topic heading


def test_a_plain_directive_built_here():
    text = "\n".join([
        "CHỈ THỊ", "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành thực hiện tốt các nội dung sau:",
        "1. Sở Tư pháp", "a) Rà soát văn bản quy phạm pháp luật, hoàn thành trước ngày 31/3/2025.",
        "b) Báo cáo kết quả về UBND tỉnh.", "2. Công khai thủ tục hành chính trên Cổng dịch vụ công.",
        "Yêu cầu các cơ quan nghiêm túc thực hiện./.", "Nơi nhận:", "- Như trên;",
    ])
    tasks = {t.id: t for t in prose_tasks(parse_text(text, "ct.txt"))}
    assert set(tasks) == {"1.a", "1.b", "2"}
    assert tasks["1.a"].lead_raw == "Sở Tư pháp" and tasks["1.a"].deadline.text.endswith("31/3/2025")
    assert tasks["1.b"].deadline is None
    assert tasks["2"].lead_raw == "các sở, ban, ngành"


@pytest.mark.parametrize("text, phrases", [
    ("Hoàn thành trước ngày 30/11/2024.", ["Hoàn thành trước ngày 30/11/2024"]),
    ("gửi UBND tỉnh trong Quý I/2025.", ["trong Quý I/2025"]),
    ("phải hoàn thành chậm nhất ngày 15/11/2024.", ["hoàn thành chậm nhất ngày 15/11/2024"]),
    ("trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký", ["trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký"]),
    ("Định kỳ hằng tháng, quý công khai", ["Định kỳ hằng tháng, quý"]),
    ("Tập huấn cho cán bộ.", []),
])
def test_deadline_phrases(text, phrases):
    assert deadline_phrases(text) == phrases


@pytest.mark.parametrize("text, agencies", [
    ("Sở Thông tin và Truyền thông hoàn thành và báo cáo", "Sở Thông tin và Truyền thông"),
    ("Giao Sở Thông tin và Truyền thông: Lồng ghép", "Sở Thông tin và Truyền thông"),
    ("Riêng các sở: Xây dựng, Y tế... rà soát", "Các sở: Xây dựng, Y tế"),
    ("Tập trung rà soát, sửa đổi thủ tục", None),
    # verbs outside the usual list: the part-of-speech tagger finds where the subject ends
    ("Sở Kế hoạch và Đầu tư bố trí kinh phí thực hiện", "Sở Kế hoạch và Đầu tư"),
    ("Công an tỉnh cập nhật dữ liệu dân cư", "Công an tỉnh"),
])
def test_assigned_agencies(text, agencies):
    assert assigned_agencies(text) == agencies


@pytest.mark.parametrize("text, agencies", [
    ("Sở Tài chính chủ trì, phối hợp với các sở tham mưu bố trí kinh phí", "Sở Tài chính"),
    ("Văn phòng UBND tỉnh chủ trì theo dõi, đôn đốc", "Văn phòng UBND tỉnh"),
    ("Sở Thông tin và Truyền thông hoàn thành và báo cáo: kết quả", "Sở Thông tin và Truyền thông"),
    ("Ban hành kèm theo Quyết định này Kế hoạch tổ chức, triển khai", None),
    ("Tổ chức tập huấn, bồi dưỡng chuyên môn, nghiệp vụ", None),
])
def test_each_subject_is_split_once(text, agencies, monkeypatch):
    """Cuts on both sides of a space or a comma give the same subject: it is asked once."""
    asked: list[str] = []
    real = prose.split_agencies

    def spy(subject):
        asked.append(subject)
        return real(subject)

    monkeypatch.setattr(prose, "split_agencies", spy)
    assert assigned_agencies(text) == agencies
    assert asked and len(asked) == len(set(asked))


def test_a_plan_without_a_table_takes_tasks_from_its_task_parts_only():
    text = "\n".join([
        "KẾ HOẠCH", "Triển khai công tác kiểm soát thủ tục hành chính năm 2025",
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao chất lượng phục vụ người dân.", "2. Bảo đảm công khai, minh bạch.",
        "II. NHIỆM VỤ, GIẢI PHÁP", "1. Rà soát, công bố thủ tục hành chính, hoàn thành trước ngày 31/3/2025.",
        "2. Sở Thông tin và Truyền thông nâng cấp Cổng dịch vụ công trong Quý II/2025.",
        "III. KINH PHÍ", "1. Kinh phí do ngân sách tỉnh bảo đảm.",
        "IV. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ", "a) Theo dõi, đôn đốc việc thực hiện Kế hoạch.",
    ])
    tasks = {t.id: t for t in prose_tasks(parse_text(text, "kh.txt"))}
    assert set(tasks) == {"II.1", "II.2", "IV.1.a"}
    assert tasks["II.1"].deadline.text.endswith("31/3/2025")
    assert tasks["II.2"].lead_raw == "Sở Thông tin và Truyền thông"
    assert tasks["IV.1.a"].lead_raw == "Sở Nội vụ" and tasks["II.1"].section == "II. NHIỆM VỤ, GIẢI PHÁP"


def test_a_letter_of_dash_items_without_numbers():
    text = "\n".join([
        "Kính gửi:", "- Sở Tư pháp;", "- Sở Nội vụ.",
        "UBND tỉnh yêu cầu các sở, ban, ngành thực hiện các nội dung sau:",
        "- Rà soát thủ tục hành chính nội bộ, hoàn thành trước ngày 30/6/2025.",
        "- Sở Nội vụ tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 15/7/2025.",
        "Nơi nhận:", "- Như trên;",
    ])
    tasks = prose_tasks(parse_text(text, "cv.txt"))
    assert [(t.id, t.lead_raw) for t in tasks] == [("1", "các sở, ban, ngành"), ("2", "Sở Nội vụ")]


def test_prose_vocabulary_file_is_well_formed():
    from tthc_docs.nlp.prose import vocabulary

    words = vocabulary()
    assert words.subject_end.search("Sở Tư pháp chủ trì") and words.stop.match("Nơi nhận:")
    assert "MỤC ĐÍCH" in words.non_task_sections
    assert words.article.match("Điều 2. Giao Sở Nội vụ") and words.coordination_opening.match("Phối hợp chặt chẽ với")
    assert all(title == title.upper() for title in words.attached_titles)
    assert words.appendix_pointer.search("(Chi tiết tại Phụ lục kèm theo)")
    assert not words.appendix_pointer.search("căn cứ nhiệm vụ tại Phụ lục kèm theo Kế hoạch này")


def test_a_list_restarting_at_one_gets_unique_ids_and_a_warning():
    from tthc_docs.extract import extract_bytes

    text = "\n".join(["CÔNG VĂN", "Số: 5/UBND-TTHC", "1. Rà soát thủ tục hành chính.", "2. Công khai kết quả.",
                      "Ngoài ra:", "1. Tập huấn cán bộ.", "Nơi nhận:"])
    table = extract_bytes(text.encode("utf-8"), "cv.txt")
    assert [t.id for t in table.tasks] == ["1", "2", "1#2"]
    assert any("1#2" in w for w in table.warnings)


def test_headings_openings_and_coordination_seen_in_other_provinces():
    text = "\n".join([
        "CHỈ THỊ",
        "Chủ tịch UBND tỉnh chỉ thị Thủ trưởng các sở, ban, ngành thực hiện tốt các nội dung sau:",
        "1. Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch UBND các huyện, thành phố:",
        "a. Rà soát, công bố thủ tục hành chính, hoàn thành trước ngày 30/6/2025.",
        "b. Chủ trì, phối hợp với Văn phòng UBND tỉnh, Sở Tư pháp công khai kết quả.",
        "2. Tuyên truyền trên môi trường mạng",
        "Sở Thông tin và Truyền thông chủ trì cập nhật tin, bài trên Cổng thông tin điện tử tỉnh.",
        "3. Công khai thủ tục hành chính.",
        "Nơi nhận:",
    ])
    tasks = {t.id: t for t in prose_tasks(parse_text(text, "ct.txt"))}
    assert set(tasks) == {"1.a", "1.b", "2", "3"}
    assert tasks["1.a"].lead_raw.startswith("các sở, ban, ngành tỉnh")
    assert tasks["1.b"].coordinating_raw == "Văn phòng UBND tỉnh; Sở Tư pháp"
    assert tasks["2"].lead_raw == "Sở Thông tin và Truyền thông"
    assert tasks["3"].lead_raw == "các sở, ban, ngành"  # from "… chỉ thị Thủ trưởng các sở, ban, ngành …"


def test_a_task_part_whose_heading_mentions_results_is_still_a_task_part():
    text = "\n".join(["I. MỤC ĐÍCH, YÊU CẦU", "Bảo đảm chất lượng.",
                      "II. NHIỆM VỤ RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH",
                      "1. Sở Tư pháp rà soát thủ tục hành chính, hoàn thành trong Quý III/2025."])
    assert [t.id for t in prose_tasks(parse_text(text, "kh.txt"))] == ["II.1"]


@pytest.mark.parametrize("seed", [SEED_CHI_THI_000, SEED_CONG_VAN_004, SEED_QUYET_DINH_002, SEED_KE_HOACH_003],
                         ids=lambda p: p.name[:20])
def test_the_blocks_built_in_one_batch_are_blocks_the_walk_reads(seed, monkeypatch):
    """A part the walk skips ("I. MỤC ĐÍCH, YÊU CẦU"), a part's title and an item read with
    its bullets are not built ahead for nothing."""
    batched: list[str] = []
    read: list[str] = []
    real_read_all, real_read = prose.read_all, prose.read

    def spy_read_all(texts, **options):
        texts = list(texts)
        batched.extend(texts)
        return real_read_all(texts, **options)

    def spy_read(text, *args, **options):
        read.append(text)
        return real_read(text, *args, **options)

    monkeypatch.setattr(prose, "read_all", spy_read_all)
    monkeypatch.setattr(prose, "read", spy_read)
    tasks = [t for t in extract_path(seed).tasks if t.origin == "prose"]
    assert tasks and batched
    assert set(batched) <= set(read)
