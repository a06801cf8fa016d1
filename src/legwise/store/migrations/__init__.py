"""Alembic migrations of the store's schema (shipped in the wheel; run on every open)."""
