"""The editable settings of the diff (``data/diff.yaml``), read once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any, Mapping

from ..datafile import load_mapping
from ..errors import DataError

WEIGHT_KEYS = ("content", "lead", "coordinating", "deadline", "section")


class ChangeStatus(StrEnum):
    """What happened to a task, a KPI row or a paragraph between two versions."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    SPLIT = "split"
    MERGED = "merged"


STATUSES = tuple(ChangeStatus)
# KPI rows and paragraphs are never split or merged.
INDICATOR_STATUSES = (ChangeStatus.UNCHANGED, ChangeStatus.MODIFIED, ChangeStatus.ADDED, ChangeStatus.REMOVED)
FIELDS = ("content", "lead", "coordinating", "implementing", "monitoring", "deadline",
          "targets", "product", "notes", "position", "unit", "target", "evaluator")
NOTE_KEYS = ("added_task", "removed_task", "split", "merged", "edited", "agencies_added",
             "agencies_removed", "deadline_later", "deadline_earlier", "deadline_changed",
             "targets_added", "targets_removed", "moved", "paragraph", "added_indicator",
             "removed_indicator", "target_changed")


@dataclass(frozen=True)
class MatchSettings:
    weights: Mapping[str, float]
    content_min: float
    score_min: float
    piece_min: float
    piece_min_words: int
    coverage_min: float
    piece_gain: float
    workers: int
    exact_pairs: int
    group_pairs: int
    candidates: int


@dataclass(frozen=True)
class ReportSettings:
    """The Vietnamese wording of the reports."""

    author: str
    title: str
    subtitle: str
    prose_title: str
    issuer_placeholder: str
    nation: str
    motto: str
    columns: tuple[str, str, str, str]
    status: Mapping[str, str]
    summary: str
    indicator_title: str
    indicator_summary: str
    fields: Mapping[str, str]
    notes: Mapping[str, str]


@dataclass(frozen=True)
class DiffSettings:
    matching: MatchSettings
    paragraph_min: float
    report: ReportSettings


def _require(mapping: Any, key: str, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise DataError(f"diff.yaml: missing key {where}{key!r}")
    return mapping[key]


def _unit(value: Any, name: str) -> float:
    if not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise DataError(f"diff.yaml: {name} must be a number in [0, 1], found {value!r}")
    return float(value)


def _count(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise DataError(f"diff.yaml: {name} must be a positive integer, found {value!r}")
    return value


def _keys(mapping: Any, keys: tuple[str, ...], where: str) -> Mapping[str, str]:
    return MappingProxyType({k: str(_require(mapping, k, where)) for k in keys})


def parse_settings(raw: Any) -> DiffSettings:
    """Check and type the content of a diff.yaml; :class:`DataError` names what is wrong."""
    matching = _require(raw, "matching", "")
    weights = _require(matching, "weights", "matching.")
    typed_weights = {k: _unit(_require(weights, k, "matching.weights."), f"weight {k}") for k in WEIGHT_KEYS}
    if abs(sum(typed_weights.values()) - 1) > 1e-6:
        raise DataError(f"diff.yaml: matching weights must sum to 1, found {sum(typed_weights.values())!r}")
    counts = {key: _count(_require(matching, key, "matching."), key)
              for key in ("piece_min_words", "exact_pairs", "group_pairs", "candidates")}
    match = MatchSettings(
        weights=MappingProxyType(typed_weights),
        content_min=_unit(_require(matching, "content_min", "matching."), "content_min"),
        score_min=_unit(_require(matching, "score_min", "matching."), "score_min"),
        piece_min=_unit(_require(matching, "piece_min", "matching."), "piece_min"),
        piece_min_words=counts["piece_min_words"],
        coverage_min=_unit(_require(matching, "coverage_min", "matching."), "coverage_min"),
        piece_gain=_unit(_require(matching, "piece_gain", "matching."), "piece_gain"),
        workers=int(_require(matching, "workers", "matching.")),
        exact_pairs=counts["exact_pairs"],
        group_pairs=counts["group_pairs"],
        candidates=counts["candidates"],
    )
    report = _require(raw, "report", "")
    columns = tuple(str(c) for c in _require(report, "columns", "report."))
    if len(columns) != 4:
        raise DataError(f"diff.yaml: report.columns must name 4 columns, found {columns!r}")
    texts = {k: str(_require(report, k, "report.")) for k in
             ("author", "title", "subtitle", "prose_title", "issuer_placeholder", "nation", "motto", "summary",
              "indicator_title", "indicator_summary")}
    return DiffSettings(
        matching=match,
        paragraph_min=_unit(_require(_require(raw, "prose", ""), "paragraph_min", "prose."), "paragraph_min"),
        report=ReportSettings(
            columns=columns,  # type: ignore[arg-type]
            status=_keys(_require(report, "status", "report."), STATUSES, "report.status."),
            fields=_keys(_require(report, "fields", "report."), FIELDS, "report.fields."),
            notes=_keys(_require(report, "notes", "report."), NOTE_KEYS, "report.notes."),
            **texts,
        ),
    )


@cache
def settings() -> DiffSettings:
    """The settings shipped in ``tthc_docs/data/diff.yaml``."""
    return parse_settings(load_mapping("diff.yaml"))
