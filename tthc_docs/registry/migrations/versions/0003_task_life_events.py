"""changes.old_event / changes.new_event: a task's life (added, removed, split,
merged in a version) as a typed event beside its English text, so that the web
can word it in Vietnamese; the events of existing rows are read from their text.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The texts the registry wrote before this revision, one per event kind; the
# wording itself now lives in data/messages.yaml.
_LEGACY = (
    (re.compile(r"^added in version (?P<version>\d+)$"), "added"),
    (re.compile(r"^removed in version (?P<version>\d+)$"), "removed"),
    (re.compile(r"^version (?P<version>\d+)$"), "in_version"),
    (re.compile(r"^split in version (?P<version>\d+) into (?P<pieces>.+)$"), "split"),
    (re.compile(r"^split off in version (?P<version>\d+) from (?P<source>\S+)$"), "split_off_from"),
    (re.compile(r"^split off in version (?P<version>\d+)$"), "split_off"),
    (re.compile(r"^merged in version (?P<version>\d+) with (?P<others>\d+) other task\(s\)$"), "merged"),
    (re.compile(r"^merged in version (?P<version>\d+)$"), "merged_away"),
)


def event_of_text(text: str | None) -> dict | None:
    """The event a stored English text words (None: not one of them); revision
    0004 reads the rows it finds without an event with it too."""
    for pattern, kind in _LEGACY:
        if text is not None and (match := pattern.match(text)):
            values = match.groupdict()
            return {"kind": kind, "version": int(values["version"]), "pieces": values.get("pieces") or "",
                    "others": int(values.get("others") or 0), "source": values.get("source") or ""}
    return None


def upgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("old_event", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("new_event", sa.JSON(), nullable=True))
    changes = sa.table("changes", sa.column("id", sa.Integer), sa.column("field", sa.String),
                       sa.column("old", sa.Text), sa.column("new", sa.Text),
                       sa.column("old_event", sa.JSON), sa.column("new_event", sa.JSON))
    connection = op.get_bind()
    rows = connection.execute(sa.select(changes.c.id, changes.c.old, changes.c.new)
                              .where(changes.c.field == "task")).all()
    for row_id, old, new in rows:
        connection.execute(changes.update().where(changes.c.id == row_id)
                           .values(old_event=event_of_text(old), new_event=event_of_text(new)))


def downgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_column("new_event")
        batch_op.drop_column("old_event")
