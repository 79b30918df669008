"""The latest completion on each assignment, and a refreshers table, so the due list is an indexed range

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.add_column(sa.Column("completed_on", sa.Date(), nullable=True))
    op.create_index("ix_assignments_due_open", "assignments", ["due_on", "completed_on"], unique=False)
    op.create_table(
        "refreshers",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(length=80), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("refresher_due", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_refreshers_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("staff_id", "module_id", name=op.f("pk_refreshers")),
    )
    op.create_index(op.f("ix_refreshers_refresher_due"), "refreshers", ["refresher_due"], unique=False)
    op.execute(
        "UPDATE assignments SET completed_on = (SELECT max(c.completed_on) FROM completions c "
        "WHERE c.staff_id = assignments.staff_id AND c.module_id = assignments.module_id)"
    )
    op.execute(
        "INSERT INTO refreshers (staff_id, module_id, completed_on, refresher_due) "
        "SELECT staff_id, module_id, max(completed_on), max(refresher_due) FROM completions "
        "WHERE refresher_due IS NOT NULL GROUP BY staff_id, module_id"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_refreshers_refresher_due"), table_name="refreshers")
    op.drop_table("refreshers")
    op.drop_index("ix_assignments_due_open", table_name="assignments")
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.drop_column("completed_on")
