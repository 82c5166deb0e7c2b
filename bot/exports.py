"""Exports of items for a compliance file: JSON lines or CSV, safe to open in a spreadsheet.

A file export is written to a 0600 temporary file beside the target and renamed into place, so a
failure never leaves half a file, and nobody else on the machine can read the comments in it.
Each file export is recorded in `<home>/exports.log` (path and format only), so an erasure can
remove the erased items from the files modbot wrote (`scrub`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Collection, Iterator
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
        data = storage.item_record(session, item_id).detail()
        del data["suggestions"]  # offers, not history: the decisions record what was chosen
        yield data


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


EXPORTS_LOG = "exports.log"


def record(home: Path, path: Path, fmt: str) -> None:
    """Remember a file export (one JSON line, 0600) for erasure to find it later."""
    line = json.dumps({"path": str(path.resolve()), "format": fmt}) + "\n"
    fd = os.open(home / EXPORTS_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def recorded(home: Path) -> dict[Path, str]:
    """The export files modbot wrote that still exist, with their format."""
    log = home / EXPORTS_LOG
    found: dict[Path, str] = {}
    if not log.exists():
        return found
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
            path, fmt = Path(entry["path"]), str(entry["format"])
        except (ValueError, KeyError, TypeError):
            continue
        if path.is_file():
            found[path] = fmt
    return found


def scrub(home: Path, item_ids: Collection[int]) -> tuple[list[Path], list[str]]:
    """Remove these items from every export file modbot wrote: (files changed, problems)."""
    wanted = {str(i) for i in item_ids}
    changed: list[Path] = []
    problems: list[str] = []
    for path, fmt in recorded(home).items():
        try:
            kept, dropped = _without(path.read_text(encoding="utf-8"), fmt, wanted)
        except (OSError, ValueError, csv.Error) as exc:
            problems.append(f"{path}: could not be read ({exc.__class__.__name__}); remove the items by hand")
            continue
        if not dropped:
            continue
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(kept)
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            problems.append(f"{path}: could not be rewritten ({exc.strerror or exc})")
            continue
        changed.append(path)
    return changed, problems


def _without(content: str, fmt: str, ids: set[str]) -> tuple[str, int]:
    """The export's text without the rows of `ids`, and how many rows were dropped."""
    dropped = 0
    if fmt == "csv":
        reader = csv.DictReader(content.splitlines(keepends=True))
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames or list(CSV_COLUMNS))
        writer.writeheader()
        for row in reader:
            if row.get("id") in ids:
                dropped += 1
            else:
                writer.writerow(row)
        return out.getvalue(), dropped
    lines = []
    for line in content.splitlines(keepends=True):
        if line.strip() and str(json.loads(line).get("id")) in ids:
            dropped += 1
        else:
            lines.append(line)
    return "".join(lines), dropped
