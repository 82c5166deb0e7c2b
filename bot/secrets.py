"""Secrets live only in `<home>/secrets/` (directory 0700, files 0600) or the environment."""

from __future__ import annotations

import json
import os
import secrets as _random
from pathlib import Path
from typing import Any

from bot.errors import ConfigError


class SecretStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def ensure(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)

    def path(self, name: str) -> Path:
        return self.directory / name

    def read_json(self, name: str) -> dict[str, Any] | None:
        """`secrets/<name>.json`, or None when absent."""
        path = self.path(f"{name}.json")
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{path}: not a readable JSON file ({exc.__class__.__name__})") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a JSON object")
        return data

    def write_json(self, name: str, data: dict[str, Any]) -> Path:
        return self.write_bytes(f"{name}.json", json.dumps(data, indent=2).encode())

    def write_bytes(self, filename: str, content: bytes) -> Path:
        """Write atomically with 0600 permissions from the first byte."""
        self.ensure()
        path = self.path(filename)
        tmp = path.with_suffix(path.suffix + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
        return path

    def key(self, name: str, size: int = 32) -> bytes:
        """A random key kept in `secrets/<name>.key`, created on first use. Two processes creating
        it at once agree on one key: it is linked into place only if absent, then read back."""
        path = self.path(f"{name}.key")
        if not path.exists():
            self.ensure()
            tmp = self.path(f".{name}.key.{os.getpid()}.{_random.token_hex(4)}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(_random.token_bytes(size))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process won: use its key
            finally:
                os.unlink(tmp)
        return path.read_bytes()
