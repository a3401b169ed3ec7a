"""The comparison as JSON, for other programs.

A task comparison::

    {"kind": "tasks", "old_source": "...", "new_source": "...",
     "summary": {"unchanged": n, "modified": n, "added": n, "removed": n, "split": n, "merged": n},
     "indicators": {"unchanged": n, "modified": n, "added": n, "removed": n},
     "changes": [{"status": "...", "old": [task…], "new": [task…], "fields": ["content", …],
                  "deadline_shift_days": n | null, "score": x | null,
                  "details": [{"field", "old", "new", "removed", "added", "shift_days", "words"}]}],
     "indicator_changes": [{"status": "...", "old": [kpi…], "new": [kpi…], "fields": ["target", …],
                            "score": x | null, "details": [...]}]}

Tasks and KPI rows are in the task-table JSON form (``Task.to_dict``,
``Indicator.to_dict``); unchanged ones are listed too, with status "unchanged".
``summary`` counts the tasks, ``indicators`` the KPI rows (which are never split
or merged). ``words`` is the redline as ``[{"op": "equal|delete|insert", "text": "…"}]``.
A prose comparison has the same ``summary``/``changes`` frame with one
paragraph per change, and no KPI keys.
"""

from __future__ import annotations

import json
from typing import Any

from .compare import FieldChange, IndicatorChange, TableDiff, TaskChange
from .prose import ParagraphChange, ProseDiff
from .words import WordOp


def _words(ops: tuple[WordOp, ...]) -> list[dict[str, str]]:
    return [{"op": op.kind, "text": op.text} for op in ops]


def _detail(change: FieldChange) -> dict[str, Any]:
    return {"field": change.field, "old": change.old, "new": change.new, "removed": list(change.removed),
            "added": list(change.added), "shift_days": change.shift_days, "words": _words(change.words)}


def _task_change(change: TaskChange) -> dict[str, Any]:
    return {
        "status": change.status,
        "old": [t.to_dict() for t in change.old],
        "new": [t.to_dict() for t in change.new],
        "fields": list(change.field_names),
        "deadline_shift_days": change.deadline_shift_days,
        "score": round(change.score, 4) if change.score is not None else None,
        "details": [_detail(f) for f in change.fields],
    }


def _indicator_change(change: IndicatorChange) -> dict[str, Any]:
    return {
        "status": change.status,
        "old": [i.to_dict() for i in change.old],
        "new": [i.to_dict() for i in change.new],
        "fields": list(change.field_names),
        "score": round(change.score, 4) if change.score is not None else None,
        "details": [_detail(f) for f in change.fields],
    }


def _paragraph_change(change: ParagraphChange) -> dict[str, Any]:
    return {"status": change.status, "old": change.old, "new": change.new, "old_index": change.old_index,
            "new_index": change.new_index, "words": _words(change.words)}


def diff_to_dict(diff: TableDiff | ProseDiff) -> dict[str, Any]:
    frame = {"old_source": diff.old_source, "new_source": diff.new_source, "summary": diff.summary}
    if isinstance(diff, TableDiff):
        return {"kind": "tasks", **frame, "indicators": diff.indicator_summary,
                "changes": [_task_change(c) for c in diff.changes],
                "indicator_changes": [_indicator_change(c) for c in diff.indicators]}
    return {"kind": "prose", **frame, "changes": [_paragraph_change(c) for c in diff.changes]}


def render_json(diff: TableDiff | ProseDiff) -> str:
    return json.dumps(diff_to_dict(diff), ensure_ascii=False, indent=2) + "\n"
