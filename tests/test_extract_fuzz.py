"""Whatever text or bytes arrive, extraction gives a task table or a toolkit error."""

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_docs.errors import InputTooLargeError, TthcError
from tthc_docs.extract import extract_bytes, extract_path
from tthc_docs.models import TaskTable

PIECES = ["\t", "|", "||||", "\n", "\n\n", " ", "STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn", "I", "1.", "a)",
          "- ", "Sở Tư pháp", "UBND cấp huyện, xã", "Quý IV/2024", "trước ngày 15/02/2024", "Số: 12/KH-UBND",
          "ngày 05 tháng 02 năm 2025", "CHỈ THỊ", "Nơi nhận:", "¹", "./.", "<ul>", "**", "Kính gửi:", "Stt2"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=60).map("".join)


def _check(data: bytes, name: str) -> None:
    try:
        table = extract_bytes(data, name)
    except TthcError as error:
        assert name in str(error)
    else:
        assert isinstance(table, TaskTable)
        ids = [t.id for t in table.tasks]
        assert len(ids) == len(set(ids))


@settings(deadline=None, max_examples=120)
@given(texts)
def test_random_documents_in_the_text_layouts(text):
    _check(text.encode("utf-8"), "random.txt")


@settings(deadline=None, max_examples=80)
@given(st.binary(max_size=3000))
def test_random_bytes_named_txt(data):
    _check(data, "random.txt")


def test_a_50_mb_text_file_is_refused_by_size_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written or read
    try:
        extract_path(huge)
    except InputTooLargeError as error:
        assert "huge.txt" in str(error) and "50.0 MB" in str(error) and "20 MB" in str(error)
    else:  # pragma: no cover
        raise AssertionError("a 50 MB text file was read")
    assert os.path.getsize(huge) == 50 * 1024 * 1024


def test_a_missing_file_or_a_folder_is_a_toolkit_error(tmp_path):
    import pytest

    from tthc_docs.errors import InputError

    with pytest.raises(InputError, match="nothing-here.txt.*cannot be read"):
        extract_path(tmp_path / "nothing-here.txt")
    with pytest.raises(InputError, match="is a folder"):
        extract_path(tmp_path)
