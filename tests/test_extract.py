"""The extraction pipeline as a whole: a document read without error but giving no task
says so in a warning; one giving tasks does not."""

import pytest

from tthc_docs.extract import extract_bytes
from tests.conftest import SEED_PHU_LUC_001

NO_TASK = "no task found"


@pytest.mark.parametrize("text", [
    # the header of a decision whose plan is a separate file
    "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 242/QĐ-UBND\n\nAn Giang, ngày 24 tháng 02 năm 2025\n\n"
    "QUYẾT ĐỊNH\nBan hành Kế hoạch kiểm soát thủ tục hành chính năm 2025\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm soát thủ tục hành chính.\n",
    # a letter cut short before its numbered tasks
    "Kính gửi: Các sở, ban, ngành tỉnh\n\nĐể triển khai thực hiện Kế hoạch số 12/KH-UBND, UBND tỉnh yêu cầu",
])
def test_a_document_without_tasks_is_warned_of(text: str) -> None:
    table = extract_bytes(text.encode("utf-8"), "van-ban.txt")
    assert table.tasks == ()
    assert [w for w in table.warnings if w.startswith(NO_TASK)] != []


def test_a_document_with_tasks_has_no_such_warning() -> None:
    table = extract_bytes(SEED_PHU_LUC_001.read_bytes(), SEED_PHU_LUC_001.name)
    assert len(table.tasks) == 41
    assert not any(w.startswith(NO_TASK) for w in table.warnings)
