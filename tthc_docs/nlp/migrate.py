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
class MigrationChange:
    """One agency of one task (or indicator) and role, and what became of it."""

    where: str  # "task I.6", "indicator 9.1.1"
    role: str
    succession: Succession

    @property
    def needs_decision(self) -> bool:
        return self.succession.needs_review or not self.succession.new

    def describe(self) -> str:
        change = self.succession
        when = f" from {change.effective:%d/%m/%Y}" if change.effective else ""
        basis = f" ({change.basis})" if change.basis else ""
        if self.needs_decision:
            options = f"; candidates: {', '.join(change.new)}" if change.new else ""
            return (f"{self.where} {self.role}: {change.old} no longer exists{when}{basis} and has no single "
                    f"successor{options} — decide by hand")
        return f"{self.where} {self.role}: {change.old} → {', '.join(change.new)}{when}{basis}"


@dataclass(frozen=True)
class MigrationResult:
    table: TaskTable
    changes: tuple[MigrationChange, ...]

    @property
    def flagged(self) -> int:
        return sum(1 for change in self.changes if change.needs_decision)


def _migrate(record, roles: tuple[str, ...], where: str, as_of: date, found: list[MigrationChange]):
    updates = {}
    met: list[Succession] = []
    for role in roles:
        names, changes = migrate_names(getattr(record, role), as_of)
        updates[role] = names
        met.extend(changes)
        found.extend(MigrationChange(where, role, change) for change in changes)
    return replace(record, **updates), met


def migrate_table(table: TaskTable, as_of: date) -> MigrationResult:
    found: list[MigrationChange] = []
    tasks = []
    for task in table.tasks:
        new, met = _migrate(task, AGENCY_ROLES, f"task {task.id}", as_of, found)
        tasks.append(replace(new, successors=tuple(dict.fromkeys(met))))
    indicators = [_migrate(i, _INDICATOR_ROLES, f"indicator {i.id}", as_of, found)[0] for i in table.indicators]
    result = MigrationResult(table, tuple(found))
    warnings = (f"agencies migrated as of {as_of.isoformat()}: {len(found) - result.flagged} replaced, "
                f"{result.flagged} need a human decision",) if found else ()
    migrated = replace(table, tasks=tuple(tasks), indicators=tuple(indicators), warnings=table.warnings + warnings)
    return replace(result, table=migrated)
