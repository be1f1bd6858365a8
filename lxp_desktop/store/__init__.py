"""SQLAlchemy models, engine set-up for SQLite and PostgreSQL, migrations, attachment store."""
