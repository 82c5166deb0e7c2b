"""Exports of items for a compliance file: JSON lines or CSV, safe to open in a spreadsheet.

A file export is written to a 0600 temporary file beside the target and renamed into place, so a
failure never leaves half a file, and nobody else on the machine can read the comments in it.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from bot import storage

CSV_COLUMNS = (
    "id", "platform", "account", "kind", "author", "category", "labels", "status", "external_id",
    "permalink", "published_at", "fetched_at", "text", "decisions", "posts",
)  # fmt: skip


def csv_cell(value: Any) -> Any:
    """Spreadsheet formula injection: a cell starting with = + - @ (or a tab or CR) is executed by
    Excel and LibreOffice, so such text gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def item_records(session: Session) -> Iterator[dict[str, Any]]:
    for item_id in list(storage.all_item_ids(session)):
        yield storage.item_record(session, item_id).detail()


def write_items(session: Session, handle: IO[str], fmt: str) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
    for data in item_records(session):
        if fmt == "csv":
            row = {key: data[key] for key in CSV_COLUMNS}
            for key in ("labels", "decisions", "posts"):
                row[key] = json.dumps(row[key], ensure_ascii=False)
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
        else:
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_items_to_file(session: Session, path: Path, fmt: str) -> int:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            count = write_items(session, handle, fmt)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
