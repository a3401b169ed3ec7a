"""changes of field "task": the typed event (old_event / new_event) is the one
stored truth of a task's life; its English text (old / new) is no longer stored
but worded when read. Rows still without an event get it from their text
(revision 0003's reading); a text that words no event is kept as it is.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LIFE = "task"
# The English texts as the registry stored them up to this revision, one per
# event kind. Frozen here rather than read from data/messages.yaml: the
# downgrade must write the texts revision 0003 and its code read, whatever the
# wording becomes later.
_ENGLISH = {
    "added": "added in version {version}",
    "removed": "removed in version {version}",
    "in_version": "version {version}",
    "split": "split in version {version} into {pieces}",
    "split_off_from": "split off in version {version} from {source}",
    "split_off": "split off in version {version}",
    "merged": "merged in version {version} with {others} other task(s)",
    "merged_away": "merged in version {version}",
}

_changes = sa.table("changes", sa.column("id", sa.Integer), sa.column("field", sa.String),
                    sa.column("old", sa.Text), sa.column("new", sa.Text),
                    sa.column("old_event", sa.JSON), sa.column("new_event", sa.JSON))


def english(event: dict[str, Any]) -> str:
    """The text the registry stored for ``event`` before this revision."""
    return _ENGLISH[event["kind"]].format_map(event)


def _event_of_text() -> Callable[[str | None], dict | None]:
    # Revision 0003's reading of the texts, through Alembic's own loading of
    # that script (its file name is no importable module name); the chain that
    # runs this revision always holds 0003.
    return op.get_context().script.get_revision("0003").module.event_of_text


def _rewrite(values_of: Callable[..., dict[str, Any]]) -> None:
    """Each life row updated with ``values_of(old, new, old_event, new_event)``."""
    connection = op.get_bind()
    c = _changes.c
    rows = connection.execute(sa.select(c.id, c.old, c.new, c.old_event, c.new_event).where(c.field == LIFE)).all()
    for row_id, *row in rows:
        if values := values_of(*row):
            connection.execute(_changes.update().where(c.id == row_id).values(**values))


def upgrade() -> None:
    event_of_text = _event_of_text()

    def events_only(old, new, old_event, new_event) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for side, text, event in (("old", old, old_event), ("new", new, new_event)):
            if event is None and (event := event_of_text(text)) is not None:
                values[f"{side}_event"] = event
            if event is not None and text is not None:
                values[side] = None
        return values

    _rewrite(events_only)


def downgrade() -> None:
    def with_text(old, new, old_event, new_event) -> dict[str, Any]:
        return {side: english(event) for side, text, event in (("old", old, old_event), ("new", new, new_event))
                if text is None and event is not None}

    _rewrite(with_text)
