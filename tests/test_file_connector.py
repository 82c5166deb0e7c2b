"""The file connector: JSONL imports with line-numbered errors, idempotent re-imports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.config import AccountConfig
from bot.domain import Budget
from connectors.file import FileConnector


def connector(path: Path) -> FileConnector:
    return FileConnector(AccountConfig(name="import", platform="file", path=str(path)))


def test_valid_lines_import_and_invalid_lines_are_reported_by_number(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "external_id": "1",
                        "text": "first",
                        "platform": "youtube",
                        "kind": "comment",
                        "author": "Ann",
                        "published_at": "2026-03-01T10:00:00Z",
                        "title": "Video A",
                        "permalink": "https://www.youtube.com/watch?v=A&lc=1",
                        "thread_id": "1",
                    }
                ),
                "{not json",
                json.dumps({"external_id": "2"}),
                json.dumps({"external_id": "3", "text": "dm", "platform": "reddit", "kind": "dm"}),
                json.dumps({"external_id": "4", "text": "x", "kind": "tweet"}),
                "",
                json.dumps({"external_id": "5", "text": "x", "published_at": "yesterday"}),
                json.dumps(["a", "list"]),
            ]
        ),
        encoding="utf-8",
    )
    result = connector(path).poll({}, Budget(limit=None))
    assert [i.external_id for i in result.items] == ["1", "3"]
    first = result.items[0]
    assert (first.platform, first.author, first.context_title, first.published_at.isoformat()) == (
        "youtube",
        "Ann",
        "Video A",
        "2026-03-01T10:00:00+00:00",
    )
    assert result.items[1].platform == "reddit" and result.items[1].kind == "dm"
    [notice] = result.notices
    for expected in (
        "line 2: not valid JSON",
        "line 3: missing text",
        "line 5: kind must be",
        "line 7: published_at",
        "line 8: expected a JSON object",
    ):
        assert expected in notice.message


def test_a_byte_order_mark_does_not_spoil_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"external_id": "1", "text": "saved by notepad"}) + "\n", encoding="utf-8-sig")
    result = connector(path).poll({}, Budget(limit=None))
    assert [i.external_id for i in result.items] == ["1"] and not result.notices


def test_unchanged_file_is_not_reread(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"external_id": "1", "text": "a"}) + "\n", encoding="utf-8")
    first = connector(path).poll({}, Budget(limit=None))
    second = connector(path).poll(first.cursors, Budget(limit=None))
    assert len(first.items) == 1 and second.items == []


def test_replies_are_written_once_and_found_again(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"external_id": "1", "text": "a"}) + "\n", encoding="utf-8")
    files = connector(path)
    [item] = files.poll({}, Budget(limit=None)).items
    assert files.find_reply(item, "Thanks!") is None
    reply_id = files.post_reply(item, "Thanks!")
    assert files.find_reply(item, "Thanks!") == reply_id
    assert len((tmp_path / "items.jsonl.replies.jsonl").read_text().splitlines()) == 1


def test_an_undecodable_line_is_reported_and_the_good_lines_stored(home: Path, runner: Any) -> None:
    """A line in another encoding (Latin-1 bytes) among good UTF-8 lines: the good lines are
    stored, the bad one is named by number, and `poll --once` says it did not do all its job."""
    from sqlalchemy import select

    from bot import app as application
    from bot.cli import cli
    from bot.models import Item

    data = home / "import.jsonl"
    good = [json.dumps({"external_id": f"g{n}", "text": f"Thank you, video {n} helped"}) for n in (1, 2)]
    data.write_bytes(good[0].encode() + b'\n{"external_id": "bad", "text": "caf\xe9 cr\xe8me"}\n'
                     + good[1].encode() + b"\n")
    with (home / "modbot.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[[accounts]]\nname = "import"\nplatform = "file"\npath = "{data.as_posix()}"\n')

    result = runner.invoke(cli, ["--home", str(home), "poll", "--once"])
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert "line 2:" in result.output, result.output
    with application.open_app(home).reads() as db:
        stored = sorted(db.scalars(select(Item.external_id)))
    assert stored == ["g1", "g2"]
    status = runner.invoke(cli, ["--home", str(home), "status"])
    assert "skipped 1 invalid line(s): line 2" in status.output
