"""Reviewers' corrections of triage, read back as training examples for this installation only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.domain import FLAGS
from bot.models import Item, TriageResult


def reviewer_corrections(sessions: sessionmaker[Session]) -> list[dict[str, Any]]:
    """The latest reviewer verdict on each item: `{"text", "category", "labels"}`, oldest first."""
    latest: dict[int, dict[str, Any]] = {}
    with sessions() as session:
        rows = session.execute(
            select(TriageResult.item_id, TriageResult.category, TriageResult.labels, Item.text)
            .join(Item, Item.id == TriageResult.item_id)
            .where(TriageResult.source == "reviewer")
            .order_by(TriageResult.created_at, TriageResult.id)
        )
        for item_id, category, labels, text in rows:
            flags = [flag for flag in FLAGS if flag in (labels or [])]
            if not flags and category in FLAGS:
                flags = [category]
            latest.pop(item_id, None)  # keep insertion order = order of the latest verdict
            latest[item_id] = {"text": text, "category": category, "labels": flags}
    return list(latest.values())
