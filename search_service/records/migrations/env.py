"""Alembic environment: run on the connection that migrate.py opened and locked."""

from __future__ import annotations

from alembic import context

from search_service.records.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations with: python -m search_service.records migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    transactional_ddl=True,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
