"""The client roster: platform handles stored only as keyed HMACs.

The key is a random secret in `<home>/secrets/roster.key` (0600), so the database alone (a backup,
an export, a stolen file) cannot tell who is a client: not even by hashing a guessed handle.
Handles are compared after light folding (case, a leading "@" or "u/", surrounding spaces).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.config import PLATFORMS
from bot.errors import ConfigError
from bot.models import RosterEntry
from bot.secrets import SecretStore

KEY_NAME = "roster"
REFRESH_SECONDS = 1.0
_changes = [0]  # bumped by add/remove in this process: cached rosters reload at once
PREFIX_CHARS = 10


def fold_handle(platform: str, handle: str) -> str:
    from connectors import capabilities  # plain data: how the platform writes user names

    folded = handle.strip()
    prefixes = capabilities(platform).handle_prefixes if platform in PLATFORMS else ()
    for prefix in prefixes:  # longest first, e.g. "/u/" before "u/"
        if folded.lower().startswith(prefix):
            folded = folded[len(prefix):]
            break
    return folded.lstrip("@").strip().casefold()


def handle_hmac(key: bytes, platform: str, handle: str) -> str:
    message = f"{platform}\0{fold_handle(platform, handle)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _check(platform: str, handle: str) -> None:
    if platform not in PLATFORMS:
        raise ConfigError(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    if not fold_handle(platform, handle):
        raise ConfigError("the handle is empty")


def add(sessions: sessionmaker[Session], secrets: SecretStore, platform: str, handle: str) -> bool:
    """Put a handle on the roster; False when it was already there."""
    _check(platform, handle)
    digest = handle_hmac(secrets.key(KEY_NAME), platform, handle)
    try:
        with sessions.begin() as session:
            exists = session.scalar(
                select(RosterEntry.id).where(
                    RosterEntry.platform == platform, RosterEntry.handle_hmac == digest
                )
            )
            if exists is not None:
                return False
            session.add(RosterEntry(platform=platform, handle_hmac=digest))
    except IntegrityError:  # added by someone else at the same moment
        return False
    _changes[0] += 1
    return True


def remove(sessions: sessionmaker[Session], secrets: SecretStore, platform: str, handle: str) -> bool:
    """Take a handle off the roster; False when it was not there."""
    _check(platform, handle)
    digest = handle_hmac(secrets.key(KEY_NAME), platform, handle)
    with sessions.begin() as session:
        result = session.execute(
            delete(RosterEntry).where(RosterEntry.platform == platform, RosterEntry.handle_hmac == digest)
        )
    _changes[0] += 1
    return bool(getattr(result, "rowcount", 0))


@dataclass(frozen=True)
class RosterSummary:
    counts: dict[str, int]
    prefixes: dict[str, list[str]]


def summary(sessions: sessionmaker[Session]) -> RosterSummary:
    """Counts per platform and HMAC prefixes: enough to check, nothing that names anyone."""
    with sessions() as session:
        grouped = session.execute(
            select(RosterEntry.platform, func.count()).group_by(RosterEntry.platform)
        )
        counts = {platform: int(count) for platform, count in grouped}
        prefixes: dict[str, list[str]] = {}
        rows = session.execute(
            select(RosterEntry.platform, RosterEntry.handle_hmac).order_by(
                RosterEntry.platform, RosterEntry.id
            )
        )
        for platform, digest in rows:
            prefixes.setdefault(platform, []).append(digest[:PREFIX_CHARS])
    return RosterSummary(counts=counts, prefixes=prefixes)


def membership(sessions: sessionmaker[Session], secrets: SecretStore) -> Callable[[str, str], bool]:
    """`is_client(platform, author)` for the classifier. The roster's digests are read at most
    once a second (a backfill asks thousands of times): a change made in this process applies at
    once, one made by another process (the CLI beside `modbot run`) within a second."""
    key_cache: list[bytes] = []
    loaded: list[tuple[float, int, frozenset[tuple[str, str]]]] = []

    def digests() -> frozenset[tuple[str, str]]:
        stale = not loaded or loaded[0][1] != _changes[0] or time.monotonic() - loaded[0][0] > REFRESH_SECONDS
        if stale:
            generation = _changes[0]
            with sessions() as session:
                rows = session.execute(select(RosterEntry.platform, RosterEntry.handle_hmac))
                found = frozenset((platform, digest) for platform, digest in rows)
            loaded[:] = [(time.monotonic(), generation, found)]
        return loaded[0][2]

    def is_client(platform: str, author: str) -> bool:
        if not author or not fold_handle(platform, author):
            return False
        if not key_cache:
            if not secrets.path(f"{KEY_NAME}.key").exists():
                return False  # no roster was ever written
            key_cache.append(secrets.key(KEY_NAME))
        roster = digests()
        return bool(roster) and (platform, handle_hmac(key_cache[0], platform, author)) in roster

    return is_client
