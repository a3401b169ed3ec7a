"""Cells of task tables understood through the pipeline: which texts are read."""

import pytest

from tthc_docs.extract import extract_path
from tthc_docs.models import Indicator, Task
from tthc_docs.nlp import enrich as enrich_module
from tthc_docs.nlp.enrich import enrich
from tests.conftest import SEED_KE_HOACH_003, SEED_PHU_LUC_001, SEED_QUYET_DINH_002


@pytest.fixture
def batches(monkeypatch):
    """The (text, cell kind) pairs built in batches and those read, as enrich asks for them."""
    batched: list[tuple[str, str]] = []
    read: list[tuple[str, str]] = []
    real_read_all, real_read = enrich_module.read_all, enrich_module.read

    def spy_read_all(texts, *, cell=None, **options):
        texts = list(texts)
        batched.extend((text, cell) for text in texts)
        return real_read_all(texts, cell=cell, **options)

    def spy_read(text, cell=None, *args):
        read.append((text, cell))
        return real_read(text, cell, *args)

    monkeypatch.setattr(enrich_module, "read_all", spy_read_all)
    monkeypatch.setattr(enrich_module, "read", spy_read)
    return batched, read


@pytest.mark.parametrize("seed", [SEED_QUYET_DINH_002, SEED_KE_HOACH_003, SEED_PHU_LUC_001], ids=lambda p: p.name[:20])
def test_every_doc_built_in_a_batch_is_read(seed, batches):
    batched, read = batches
    assert extract_path(seed).tasks
    assert batched and set(batched) <= set(read)


@pytest.mark.parametrize(("target", "unit", "content", "values"), [
    ("100", "%", "Tỷ lệ hồ sơ trực tuyến", [100.0]),  # the target cells give it: the name is not read
    (None, None, "Tỷ lệ hồ sơ trực tuyến đạt 80%", [80.0]),  # no target cells: from the name
    ("Đạt chuẩn", None, "Tối thiểu 90% hồ sơ được số hóa", [90.0]),  # no number in the cells
    (None, None, "Mức độ hài lòng của người dân", []),
])
def test_an_indicator_target_comes_from_its_cells_then_its_name(target, unit, content, values, batches):
    batched, read = batches
    indicator = Indicator(id="1", content=content, unit=unit, target=target)
    found = enrich((), (indicator,)).indicators[0]
    assert [t.value for t in found.targets] == values
    assert set(batched) <= set(read)
    assert ((content, "text") in read) is (not target or not any(c.isdigit() for c in target))


def test_a_no_target_mark_is_kept_as_written_and_not_read(batches):
    batched, read = batches
    task = enrich((Task(id="1", content="Tập huấn cán bộ", target_raw="x"),), ()).tasks[0]
    assert task.targets == () and task.target_raw == "x"
    assert ("x", "text") not in read and set(batched) <= set(read)
