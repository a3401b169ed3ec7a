"""Integrity of data/diff.yaml: every key there, every number in range, and a
broken file refused with the offending key or value in the message."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from tthc_docs.diff.settings import FIELDS, NOTE_KEYS, STATUSES, WEIGHT_KEYS, parse_settings, settings
from tthc_docs.errors import DataError


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(resources.files("tthc_docs.data").joinpath("diff.yaml").read_text("utf-8"))


def test_shipped_settings_load():
    config = settings()
    assert set(config.matching.weights) == set(WEIGHT_KEYS)
    assert sum(config.matching.weights.values()) == pytest.approx(1)
    # Text is the main evidence: it outweighs all the supporting evidence together.
    assert config.matching.weights["content"] > 0.5


def test_thresholds_are_consistent():
    m = settings().matching
    # A pair with the lowest content allowed must still be able to reach score_min.
    assert m.weights["content"] * m.content_min + (1 - m.weights["content"]) >= m.score_min
    # Identical text is matched whatever else changed.
    assert m.weights["content"] >= m.score_min
    assert 0 < m.piece_gain < m.coverage_min <= 1


def test_every_status_field_and_note_has_wording():
    report = settings().report
    assert set(report.status) == set(STATUSES)
    assert set(report.fields) == set(FIELDS)
    assert set(report.notes) == set(NOTE_KEYS)
    assert all(text.strip() for text in (*report.status.values(), *report.fields.values(), *report.notes.values()))
    assert len(report.columns) == 4


@pytest.mark.parametrize("path, value, message", [
    (("matching", "weights", "content"), 0.9, "sum to 1"),
    (("matching", "content_min"), 1.5, "content_min"),
    (("matching", "score_min"), "high", "score_min"),
    (("matching", "piece_min_words"), 0, "piece_min_words"),
    (("matching", "exact_pairs"), 1.5e6, "exact_pairs"),
    (("matching", "candidates"), -20, "candidates"),
    (("matching", "group_pairs"), True, "group_pairs"),
    (("prose", "paragraph_min"), -0.1, "paragraph_min"),
    (("report", "columns"), ["STT", "Cũ"], "4 columns"),
])
def test_bad_values_are_refused_by_name(raw, path, value, message):
    broken = copy.deepcopy(raw)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(DataError, match=message):
        parse_settings(broken)


@pytest.mark.parametrize("path", [("matching",), ("matching", "weights", "lead"), ("report", "status", "split"),
                                  ("report", "notes", "moved"), ("prose",)])
def test_missing_keys_are_named(raw, path):
    broken = copy.deepcopy(raw)
    target = broken
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    with pytest.raises(DataError, match=repr(path[-1])):
        parse_settings(broken)
