"""The file connector: imports a JSONL file of items (offline demo, platform data exports) and
"posts" replies by appending them to `<path>.replies.jsonl`. It is also the test double for the
posting path, so it follows the same contract as the real connectors.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import AccountConfig
from bot.domain import KINDS, Budget, InboundItem, Notice, OnPage, PollResult
from bot.errors import ConfigError, ConnectorError
from connectors.platforms import FILE

OPTIONAL_FIELDS = (
    "author", "author_id", "parent_id", "thread_id", "title", "permalink", "moderation_status",
)  # fmt: skip
MAX_REPORTED = 20


class FileConnector:
    platform = "file"
    capabilities = FILE

    def __init__(self, account: AccountConfig) -> None:
        if not account.path:
            raise ConfigError(f"account {account.name!r} needs a path")
        self.account = account
        self.path = Path(account.path).expanduser()
        self.replies_path = self.path.with_name(self.path.name + ".replies.jsonl")

    # `seen`: one read of one file, nothing to stream (FILE.streams_pages is false).
    def poll(self, cursors: Mapping[str, str], budget: Budget, *, seen: OnPage | None = None) -> PollResult:
        try:
            content = self.path.read_bytes()
        except OSError as exc:
            raise ConnectorError(
                f"{self.account.name}: cannot read {self.path}: {exc.strerror}", account=self.account.name
            ) from None
        digest = hashlib.sha256(content).hexdigest()
        if cursors.get("file") == digest:
            return PollResult(cursors={"file": digest})
        # Undecodable bytes become lone surrogates, so the line holding them is reported, not
        # stored with replacement characters.
        items, problems = parse_lines(content.decode("utf-8", errors="surrogateescape"), self.account.name)
        notices = []
        if problems:
            shown = "; ".join(problems[:MAX_REPORTED])
            more = f" (and {len(problems) - MAX_REPORTED} more)" if len(problems) > MAX_REPORTED else ""
            notices.append(
                Notice(
                    "invalid_lines",
                    f"{self.path.name}: skipped {len(problems)} invalid line(s): {shown}{more}",
                )
            )
        return PollResult(items=items, cursors={"file": digest}, notices=notices)

    def post_reply(self, item: InboundItem, text: str) -> str:
        reply_id = f"reply-{item.external_id}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"
        record = {
            "id": reply_id,
            "parent_id": item.external_id,
            "text": text,
            "posted_at": datetime.now(UTC).isoformat(),
        }
        with self.replies_path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return reply_id

    def find_reply(self, item: InboundItem, text: str) -> str | None:
        if not self.replies_path.exists():
            return None
        for line in self.replies_path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["parent_id"] == item.external_id and record["text"].split() == text.split():
                return str(record["id"])
        return None

    def moderate(self, item: InboundItem, action: str) -> None:
        with self.replies_path.open("a", encoding="utf-8") as handle:
            handle.write(
                json.dumps(
                    {
                        "id": f"{action}-{item.external_id}",
                        "parent_id": item.external_id,
                        "text": "",
                        "action": action,
                    }
                )
                + "\n"
            )


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)


def parse_lines(content: str, account: str) -> tuple[list[InboundItem], list[str]]:
    """Items from JSONL text, and one problem string (with its line number) per invalid line."""
    items: list[InboundItem] = []
    problems: list[str] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        if _UNDECODABLE.search(line):
            problems.append(f"line {number}: not valid UTF-8")
            continue
        try:
            items.append(parse_item(json.loads(line.lstrip("\ufeff")), account))  # a byte-order mark
        except json.JSONDecodeError:
            problems.append(f"line {number}: not valid JSON")
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
    return items, problems


def parse_item(data: Any, account: str) -> InboundItem:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    external_id, text = data.get("external_id"), data.get("text")
    if (
        not isinstance(external_id, str | int)
        or isinstance(external_id, bool)
        or not str(external_id).strip()
    ):
        raise ValueError("missing external_id")
    if not isinstance(text, str):
        raise ValueError("missing text")
    platform = data.get("platform", "file")
    if platform not in ("youtube", "reddit", "file"):
        raise ValueError(f"unknown platform {platform!r}")
    kind = data.get("kind", "comment")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    for name in OPTIONAL_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ValueError(f"{name} must be a string")
    return InboundItem(
        platform=platform,
        account=account,
        kind=kind,
        external_id=str(external_id),
        text=text,
        author=data.get("author"),
        author_id=data.get("author_id"),
        published_at=_timestamp(data.get("published_at")),
        parent_id=data.get("parent_id"),
        thread_id=data.get("thread_id"),
        context_title=data.get("title"),
        permalink=data.get("permalink"),
        moderation_status=data.get("moderation_status"),
    )


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("published_at must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"published_at {value[:40]!r} is not an ISO 8601 time") from None


def build(account: AccountConfig, credentials: Mapping[str, Any] | None) -> FileConnector:
    return FileConnector(account)
