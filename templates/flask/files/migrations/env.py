"""How Alembic reaches the database: through the Flask app's SQLAlchemy."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name is not None:
    # Keep the app's own loggers: only add Alembic's settings to them.
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate = current_app.extensions["migrate"]
target_metadata = migrate.db.metadata


def skip_empty_revision(context, revision, directives):
    """`flask db migrate` with no model change writes no empty file."""
    if getattr(config.cmd_opts, "autogenerate", False):
        script = directives[0]
        if script.upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in the models: no migration written.")


def options(dialect_name: str) -> dict:
    return {
        "target_metadata": target_metadata,
        "process_revision_directives": skip_empty_revision,
        # sqlite cannot ALTER most things: batch mode copies the table instead.
        "render_as_batch": dialect_name == "sqlite",
        **migrate.configure_args,
    }


def run_migrations_offline() -> None:
    """`flask db upgrade --sql`: print the SQL instead of running it."""
    url = migrate.db.engine.url
    context.configure(
        url=url.render_as_string(hide_password=False),
        literal_binds=True,
        **options(url.get_dialect().name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with migrate.db.engine.connect() as connection:
        context.configure(connection=connection, **options(connection.dialect.name))
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
