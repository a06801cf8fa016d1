"""Alembic environment: always driven from code (`legwise.store.db.migrate`).

There is no alembic.ini next to the user's working directory; the caller hands over an
open connection (already inside a locked transaction) in `config.attributes["connection"]`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from legwise.store.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("legwise migrations run from legwise.store.db.migrate, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
