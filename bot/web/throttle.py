"""Per-user-name sign-in backoff that a stranger cannot turn into a lock-out.

Failed sign-ins for one user name, from anywhere, make untrusted clients wait before they may try
that name again: `attempts` failures are free, then the wait doubles with every further failure
(1 minute, 2, 4, ... at most an hour). A client is trusted for a name when it holds the signed
device cookie a successful sign-in as that name gave it, or comes from an address that signed in
as that name before. A trusted client is not held back by other clients' failures; it has its own
counter with the same backoff, so a stolen cookie does not give unlimited guesses either.
Per-address limits (any name) are flask-limiter's, in bot/web/auth.py.

State is in memory (one `modbot serve` process); a restart forgets it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

BASE_WAIT = 60.0
MAX_WAIT = 3600.0
MAX_KEYS = 10_000  # bounded memory: the oldest entries are forgotten first
KNOWN_ADDRESSES_PER_NAME = 20


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    blocked_until: float = 0.0


class LoginThrottle:
    def __init__(self, attempts: int) -> None:
        self.attempts = max(attempts, 1)
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, _Failures] = OrderedDict()
        self._known: OrderedDict[str, list[str]] = OrderedDict()

    @staticmethod
    def _now() -> float:
        return time.monotonic()

    def _key(self, name: str, client: str | None) -> str:
        return f"{name}\0{client}" if client is not None else name

    def client_key(self, name: str, address: str, device_ok: bool) -> str | None:
        """The counter this attempt belongs to: None (the name's shared counter) for strangers,
        the device or address for clients trusted for this name."""
        if device_ok:
            return "device"
        with self._lock:
            if address in self._known.get(name, []):
                return f"addr:{address}"
        return None

    def wait(self, name: str, client: str | None) -> float:
        """Seconds before this client may try this name again (0: now)."""
        with self._lock:
            entry = self._failures.get(self._key(name, client))
            if entry is None:
                return 0.0
            return max(0.0, entry.blocked_until - self._now())

    def failed(self, name: str, client: str | None) -> None:
        now = self._now()
        key = self._key(name, client)
        with self._lock:
            entry = self._failures.pop(key, None) or _Failures()
            if now - entry.last > MAX_WAIT:  # quiet for an hour: start again
                entry = _Failures()
            entry.count += 1
            entry.last = now
            if entry.count >= self.attempts:
                wait = min(BASE_WAIT * 2 ** (entry.count - self.attempts), MAX_WAIT)
                entry.blocked_until = now + wait
            self._failures[key] = entry
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, name: str, client: str | None, address: str) -> None:
        with self._lock:
            self._failures.pop(self._key(name, client), None)
            known = self._known.pop(name, [])
            if address in known:
                known.remove(address)
            known.append(address)
            self._known[name] = known[-KNOWN_ADDRESSES_PER_NAME:]
            while len(self._known) > MAX_KEYS:
                self._known.popitem(last=False)
