import pytest

from tthc_docs.tables.columns import column_rules, looks_like_header, map_columns, role_of


@pytest.mark.parametrize("header, role", [
    ("STT", "stt"), ("Stt", "stt"), ("TT", "stt"), ("Stt2", "stt2"),
    ("Nội dung", "content"), ("Tên nhiệm vụ", "content"), ("Nội dung công việc", "content"),
    ("Nội dung/chỉ tiêu", "content"), ("Nhiệm vụ, giải pháp", "content"),
    ("Cơ quan chủ trì", "lead"), ("Đơn vị chủ trì triển khai", "lead"), ("Cơ quan chủ trì thực hiện", "lead"),
    ("Cơ quan (Đơn vị) phối hợp", "coordinating"), ("Đơn vị phối hợp", "coordinating"),
    ("Đơn vị thực hiện", "implementing"), ("Đơn vị theo dõi, đôn đốc", "monitoring"),
    ("Thời hạn", "deadline"), ("Thời gian thực hiện", "deadline"), ("Thời gian hoàn thành", "deadline"),
    ("Thời hạn hoàn thành", "deadline"), ("Sản phẩm", "product"), ("Kết quả thực hiện", "product"),
    ("Ghi chú", "notes"), ("Đơn vị", "unit"), ("Đơn vị tính", "unit"), ("Chỉ tiêu năm 2025", "target"),
    ("Cơ quan chủ trì đánh giá", "evaluator"), ("Chỉ tiêu", "target_or_content"),
    ("Kính gửi", None), ("Hà Nội", None),
])
def test_role_of_header_text(header, role):
    assert role_of(header) == role


def test_chi_tieu_is_content_of_a_kpi_table_and_target_of_a_task_table():
    kpi = map_columns(("STT", "Chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2025", "Cơ quan chủ trì thực hiện"))
    assert kpi.roles[1] == "content" and kpi.is_indicator_table
    tasks = map_columns(("TT", "Nội dung", "Chỉ tiêu", "Cơ quan chủ trì"))
    assert tasks.roles == ("stt", "content", "target", "lead") and not tasks.is_indicator_table


def test_blank_first_header_is_the_row_number_and_roles_come_from_text_not_position():
    columns = map_columns(("Thời hạn", " ", "Nội dung", "Cơ quan chủ trì"))
    assert columns.roles == ("deadline", None, "content", "lead")
    assert map_columns((" ", "Nội dung công việc", "Sản phẩm")).roles == ("stt", "content", "product")


def test_a_role_claimed_twice_keeps_its_first_column():
    assert map_columns(("Nội dung", "Tên nhiệm vụ", "Thời hạn")).roles == ("content", None, "deadline")


@pytest.mark.parametrize("cells, expected", [
    (("STT", "Nội dung", "Cơ quan chủ trì"), True),
    (("1", "Xây dựng kế hoạch", "Văn phòng UBND tỉnh"), False),
    (("Số hiệu", "242/QĐ-UBND"), False),
    (("Thời hạn", "Ghi chú"), False),  # no content column
])
def test_looks_like_header(cells, expected):
    assert looks_like_header(cells) is expected


def test_column_vocabulary_is_well_formed():
    roles = {"stt", "stt2", "content", "lead", "coordinating", "implementing", "monitoring", "deadline",
             "product", "notes", "unit", "target", "evaluator", "target_or_content"}
    rules = column_rules()
    assert rules
    for rule in rules:
        assert rule.role in roles
        assert bool(rule.exact) != bool(rule.all), f"{rule}: give exact or all, not both"
