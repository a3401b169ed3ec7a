"""Move a task table's agencies to their successors as of a date.

The change list is for people: one line per task, role and agency, saying
what replaced it and on what legal basis, or that no single successor exists
and a human must decide (the toolkit never guesses those).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..models import AGENCY_ROLES, Succession, TaskTable
from .succession import migrate_names

_INDICATOR_ROLES = ("lead", "coordinating", "evaluator")


@dataclass(frozen=True)
class MigrationResult:
    table: TaskTable
    changes: tuple[str, ...]
    flagged: int


def _describe(where: str, role: str, change: Succession) -> str:
    when = f" from {change.effective:%d/%m/%Y}" if change.effective else ""
    basis = f" ({change.basis})" if change.basis else ""
    if change.needs_review or not change.new:
        options = f"; candidates: {', '.join(change.new)}" if change.new else ""
        return (f"{where} {role}: {change.old} no longer exists{when}{basis} and has no single successor"
                f"{options} — decide by hand")
    return f"{where} {role}: {change.old} → {', '.join(change.new)}{when}{basis}"


def _migrate(record, roles: tuple[str, ...], where: str, as_of: date, lines: list[str]):
    updates = {}
    met: list[Succession] = []
    for role in roles:
        names, changes = migrate_names(getattr(record, role), as_of)
        updates[role] = names
        met.extend(changes)
        lines.extend(_describe(where, role, change) for change in changes)
    return replace(record, **updates), met


def migrate_table(table: TaskTable, as_of: date) -> MigrationResult:
    lines: list[str] = []
    tasks = []
    for task in table.tasks:
        new, met = _migrate(task, AGENCY_ROLES, f"task {task.id}", as_of, lines)
        tasks.append(replace(new, successors=tuple(dict.fromkeys(met))))
    indicators = [_migrate(i, _INDICATOR_ROLES, f"indicator {i.id}", as_of, lines)[0] for i in table.indicators]
    flagged = sum(1 for line in lines if line.endswith("decide by hand"))
    warnings = (f"agencies migrated as of {as_of.isoformat()}: {len(lines) - flagged} replaced, "
                f"{flagged} need a human decision",) if lines else ()
    migrated = replace(table, tasks=tuple(tasks), indicators=tuple(indicators),
                       warnings=table.warnings + warnings)
    return MigrationResult(migrated, tuple(lines), flagged)
