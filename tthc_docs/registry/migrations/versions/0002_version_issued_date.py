"""plan_versions.issued: the document's date as a column (calendars anchor
recurring deadlines on it), filled from the stored document header.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("issued", sa.Date(), nullable=True))
    versions = sa.table("plan_versions", sa.column("id", sa.Integer), sa.column("document", sa.JSON),
                        sa.column("issued", sa.Date))
    connection = op.get_bind()
    for row_id, document in connection.execute(sa.select(versions.c.id, versions.c.document)).all():
        issued = (document or {}).get("date")
        if issued:
            connection.execute(versions.update().where(versions.c.id == row_id)
                               .values(issued=date.fromisoformat(issued)))


def downgrade() -> None:
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.drop_column("issued")
