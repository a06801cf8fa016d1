"""The first schema: person, diary_night, saved_assessment.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(36), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_person"),
        sa.UniqueConstraint("public_id", name="uq_person_public_id"),
        sa.UniqueConstraint("token_hash", name="uq_person_token_hash"),
    )
    op.create_index(
        "uq_person_one_local",
        "person",
        ["is_local"],
        unique=True,
        sqlite_where=sa.text("is_local = 1"),
        postgresql_where=sa.text("is_local = true"),
    )
    op.create_table(
        "diary_night",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("worst_pain", sa.Integer(), nullable=False),
        sa.Column("episodes", sa.Integer(), nullable=False),
        sa.Column("episode_minutes", sa.Integer(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("self_care", sa.JSON(), nullable=False),
        sa.Column("sleep_disturbed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diary_night"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name="fk_diary_night_person_id_person",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("person_id", "night", name="uq_diary_night_person_id_night"),
    )
    op.create_table(
        "saved_assessment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("knowledge_version", sa.String(100), nullable=False),
        sa.Column("case", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_saved_assessment"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name="fk_saved_assessment_person_id_person",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_saved_assessment_person_id", "saved_assessment", ["person_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("saved_assessment")
    op.drop_table("diary_night")
    op.drop_index("uq_person_one_local", table_name="person")
    op.drop_table("person")
