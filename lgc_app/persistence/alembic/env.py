"""Alembic environment: the engine comes from the caller (lgc_app.persistence.migrations)."""

from alembic import context

from lgc_app.persistence.base import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
