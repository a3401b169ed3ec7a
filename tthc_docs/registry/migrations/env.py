"""Alembic environment of the task registry: always run from
:func:`tthc_docs.registry.engine.migrate` on a connection it passes in
(``config.attributes["connection"]``), never from an ``alembic.ini``."""

from __future__ import annotations

from alembic import context

from tthc_docs.registry.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True)
context.run_migrations()
