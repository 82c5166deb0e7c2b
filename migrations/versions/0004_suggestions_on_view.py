"""Suggested replies are rendered when an item is opened: drop those stored for open items

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Earlier versions stored each item's suggested replies at ingest. They are now rendered from the
item's category and the practice's current settings when someone opens the item, and a stored row
would take precedence with yesterday's resources (or the category before a reviewer changed it).
The rows of items still awaiting a decision are deleted; those of decided items stay as they were.
Nothing is lost: the decision records the text that was chosen. Downgrade leaves the table as it is.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "('new', 'suggested', 'escalated', 'failed', 'unknown')"


def upgrade() -> None:
    op.execute(f"DELETE FROM suggestions WHERE item_id IN (SELECT id FROM items WHERE status IN {OPEN})")


def downgrade() -> None:
    pass
