"""Who polls an account when several `modbot run` share one PostgreSQL: exactly one at a time.

Each account has a PostgreSQL session-level advisory lock (`pg_try_advisory_lock(ns, crc32(name))`)
held on one dedicated connection per process. A process polls an account only while it holds the
account's lock, and keeps it until it exits, so polling stays on one host; both hosts may still
post (outbox rows are claimed row by row). When the holder dies its connection closes and the
server releases the lock; the other process takes it at its next poll of that account, within one
poll interval. A host that vanishes without closing its socket is noticed by the server's TCP
keepalives, set short on the lease connection (about 30 s).

On SQLite there is one host by nature and `run.lock` (bot/scheduler.py) already stops a second
`modbot run` on the same home: leases are always granted.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import zlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)

NAMESPACE = 0x6D6F6470  # "modp": the first key of every poll lock (the two-int key space)
APPLICATION_NAME = "modbot run"
# Server-side keepalives on the lease connection: a vanished host loses its locks in ~30 s.
_KEEPALIVES = {"tcp_keepalives_idle": 10, "tcp_keepalives_interval": 5, "tcp_keepalives_count": 4}


def account_key(account: str) -> int:
    """The second key of an account's lock: CRC-32 of its name as a signed 32-bit integer."""
    value = zlib.crc32(account.encode("utf-8"))
    return value - 2**32 if value >= 2**31 else value


def identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class PollLeases:
    """This process's poll locks. `held(account)` is True when it may poll the account now."""

    def __init__(self, engine: Engine) -> None:
        self.shared = engine.dialect.name == "postgresql"
        self._url = engine.url
        self._connection: Connection | None = None
        self._held: set[str] = set()
        self._skipping: dict[str, str] = {}  # account -> holder last seen, to log changes once
        self._lock = threading.Lock()  # poll jobs run in scheduler threads; one connection

    def held(self, account: str) -> bool:
        if not self.shared:
            return True
        with self._lock:
            try:
                return self._acquire(account)
            except DBAPIError as exc:  # lost the server: our locks went with the connection
                self._drop()
                logger.warning("poll of %s skipped: cannot reach the database for its lease (%s)",
                               account, exc.__class__.__name__)
                return False

    def _acquire(self, account: str) -> bool:
        connection = self._connect()
        key = account_key(account)
        if account in self._held and _holds(connection, key):
            return True
        if connection.scalar(text("SELECT pg_try_advisory_lock(:ns, :key)"), {"ns": NAMESPACE, "key": key}):
            self._held.add(account)
            self._skipping.pop(account, None)
            logger.warning("account %s: this modbot run (%s) now polls it", account, identity())
            return True
        self._held.discard(account)
        holder = holders(connection).get(account_key(account), "another modbot run")
        if self._skipping.get(account) != holder:
            logger.warning("account %s: polled by %s; this modbot run stands by", account, holder)
        self._skipping[account] = holder
        logger.info("poll of %s skipped: %s holds it", account, holder)
        return False

    def _connect(self) -> Connection:
        if self._connection is not None and not self._connection.closed:
            return self._connection
        self._held.clear()
        engine = create_engine(self._url, poolclass=NullPool, hide_parameters=True,
                               connect_args={"application_name": f"{APPLICATION_NAME} {identity()}"[:63]})
        connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        for name, value in _KEEPALIVES.items():
            connection.execute(text(f"SET {name} = {int(value)}"))
        self._connection = connection
        return connection

    def _drop(self) -> None:
        self._held.clear()
        if self._connection is not None:
            try:
                self._connection.close()
            except DBAPIError:
                pass
        self._connection = None

    def close(self) -> None:
        """Release every lock (closing the session does it)."""
        with self._lock:
            self._drop()

    def guard(self, account: str, job: Callable[[], Any]) -> Callable[[], Any]:
        """`job`, run only while this process holds `account`'s lock (unchanged on SQLite)."""
        if not self.shared:
            return job

        def run() -> Any:
            return job() if self.held(account) else None

        return run


def _holds(connection: Connection, key: int) -> bool:
    return bool(connection.scalar(text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
        "AND classid::bigint = :ns AND objid::bigint = :key AND objsubid = 2 AND granted"),
        {"ns": NAMESPACE, "key": key & 0xFFFFFFFF}))


def holders(connection: Connection) -> dict[int, str]:
    """Account key -> the holder's application name (`modbot run host:pid`) and client address."""
    rows = connection.execute(text(
        "SELECT l.objid::bigint AS key, a.application_name AS name, a.client_addr::text AS addr "
        "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.classid::bigint = :ns AND l.objsubid = 2 AND l.granted"),
        {"ns": NAMESPACE})
    out = {}
    for row in rows:
        key = int(row.key)
        key = key - 2**32 if key >= 2**31 else key
        name = (row.name or "another modbot run").removeprefix(f"{APPLICATION_NAME} ")
        out[key] = f"{name}" + (f" from {row.addr}" if row.addr else "")
    return out


def pollers(engine: Engine, accounts: list[str]) -> dict[str, str]:
    """Which process polls each account right now (PostgreSQL only; empty on SQLite)."""
    if engine.dialect.name != "postgresql":
        return {}
    with engine.connect() as connection:
        found = holders(connection)
    return {name: found[account_key(name)] for name in accounts if account_key(name) in found}
