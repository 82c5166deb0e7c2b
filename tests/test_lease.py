"""One poller per account across hosts: two `modbot run` on one PostgreSQL, one polls each account,
the other takes over within two poll intervals when the poller is killed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot import audit, lease, status
from bot.app import init_home, open_app
from bot.secrets import SecretStore
from tests.fakes.youtube import FakeYouTube

POLL_SECONDS = 2
ACCOUNTS = ("one", "two")


def pause(seconds: float) -> None:
    """A real wait (the autouse `fast_sleep` shortens time.sleep in this process)."""
    threading.Event().wait(seconds)


def make_home(path: Path, database_url: str, servers: dict[str, FakeYouTube]) -> Path:
    path.mkdir(parents=True)
    (path / "modbot.toml").write_text(
        f'[database]\nurl = "{database_url}"\n\n'
        + "\n".join(server.config_toml(name) + f'poll_every = "{POLL_SECONDS}s"\n'
                    for name, server in servers.items()), encoding="utf-8")
    init_home(path).engine.dispose()
    for name, server in servers.items():
        SecretStore(path / "secrets").write_json(name, server.secrets())
    SecretStore(path / "secrets").key("audit")
    return path


def second_host(first: Path, path: Path) -> Path:
    """Another machine: the same config, secrets and audit key, its own home directory."""
    path.mkdir(mode=0o700)
    shutil.copy2(first / "modbot.toml", path / "modbot.toml")
    shutil.copytree(first / "secrets", path / "secrets")
    return path


def start(home: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MODBOT_HOME": str(home)}
    with log.open("wb") as handle:
        return subprocess.Popen([sys.executable, "-m", "bot", "-v", "--home", str(home), "run"],
                                env=env, stdout=subprocess.DEVNULL, stderr=handle)


def polls(log: Path, account: str) -> int:
    return len(re.findall(rf"polled {account}: ", log.read_text(errors="replace")))


def units(log: Path, account: str) -> int:
    return sum(int(n) for n in re.findall(rf"polled {account}: \d+ new, (\d+) units", log.read_text()))


def shown_pollers(home: Path) -> dict[str, str | None]:
    app = open_app(home)
    try:
        return {s.name: s.poller for s in status.account_statuses(app)}
    finally:
        app.engine.dispose()


def wait_for(check: object, timeout: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if check():  # type: ignore[operator]
            return time.monotonic() - began
        pause(0.05)
    raise AssertionError(f"not within {timeout} s")


@pytest.mark.parametrize("homes", ["two hosts", "one home"])
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_runs_on_one_postgresql_poll_each_account_once_and_take_over(
    tmp_path: Path, database_url: str, homes: str
) -> None:
    with FakeYouTube(channel_id="UCone000000000000000000") as one, \
            FakeYouTube(channel_id="UCtwo000000000000000000") as two:
        servers = {"one": one, "two": two}
        home_a = make_home(tmp_path / "host-a", database_url, servers)
        # Two machines, or two `modbot run` on one home (on PostgreSQL that is simply more workers).
        home_b = second_host(home_a, tmp_path / "host-b") if homes == "two hosts" else home_a
        logs = {"a": tmp_path / "a.log", "b": tmp_path / "b.log"}
        procs = {"a": start(home_a, logs["a"]), "b": start(home_b, logs["b"])}
        try:
            wait_for(lambda: all(sum(polls(log, n) for log in logs.values()) >= 2 for n in ACCOUNTS), 30)
            pause(POLL_SECONDS * 1.5)
            # Exactly one process polls each account; the other stands by for it.
            poller = {}
            for name in ACCOUNTS:
                counts = {host: polls(log, name) for host, log in logs.items()}
                assert sorted(counts.values())[0] == 0 and max(counts.values()) >= 2, (name, counts)
                poller[name] = max(counts, key=lambda host: counts[host])
                other = "b" if poller[name] == "a" else "a"
                assert f"account {name}: polled by " in logs[other].read_text()
            # `modbot status` (from either host) names the poller of each account.
            shown = shown_pollers(home_b)
            for name in ACCOUNTS:
                assert shown[name] and f":{procs[poller[name]].pid}" in shown[name]
            # The platform charged exactly the units of the logged polls, plus at most the one
            # poll in flight as we count (a quiet poll costs 2-3 units).
            for name, server in servers.items():
                logged = sum(units(log, name) for log in logs.values())
                assert logged <= server.quota_used <= logged + 3, (name, server.quota_used, logged)

            victim = poller["one"]
            survivor = "b" if victim == "a" else "a"
            orphans = [name for name in ACCOUNTS if poller[name] == victim]
            before = {name: polls(logs[survivor], name) for name in orphans}
            procs[victim].send_signal(signal.SIGKILL)
            procs[victim].wait(timeout=10)
            killed = time.monotonic()
            # The survivor takes over every account the killed one polled, within two intervals.
            for name in orphans:
                wait_for(lambda: polls(logs[survivor], name) > before[name], 4 * POLL_SECONDS)  # noqa: B023
                taken = time.monotonic() - killed
                assert taken <= 2 * POLL_SECONDS, f"{name}: take-over after {taken:.1f} s"
            assert procs[survivor].poll() is None
            shown = shown_pollers(home_b)
            assert all(f":{procs[survivor].pid}" in (shown[name] or "") for name in ACCOUNTS)
            text = "".join(log.read_text() for log in logs.values())
            assert "Traceback" not in text
            for home in (home_a, home_b):  # each host's own checkpoints match the shared chain
                app = open_app(home)
                with app.reads() as session:
                    assert audit.verify(session, audit.trail_of(app.sessions)).ok
                app.engine.dispose()
        finally:
            for proc in procs.values():
                if proc.poll() is None:
                    proc.kill()
                proc.wait(timeout=10)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_lease_is_held_by_one_process_and_released_when_it_goes(database_url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(database_url)
    first, second = lease.PollLeases(engine), lease.PollLeases(engine)
    assert first.held("clinic") and first.held("clinic")  # kept, not stacked
    assert not second.held("clinic")
    assert second.held("other")
    assert lease.pollers(engine, ["clinic", "other"]).keys() == {"clinic", "other"}
    first.close()  # the server releases the lock as the closed session's backend exits
    wait_for(lambda: second.held("clinic"), 5)
    assert not first.held("clinic")
    second.close()
    first.close()
    wait_for(lambda: lease.pollers(engine, ["clinic", "other"]) == {}, 5)
    engine.dispose()


def test_sqlite_keeps_one_run_per_home_and_grants_every_lease(home: Path) -> None:
    app = open_app(home)
    leases = lease.PollLeases(app.engine)
    assert leases.held("anything")
    job = object()
    assert leases.guard("anything", job) is job  # type: ignore[arg-type]
    assert lease.pollers(app.engine, ["anything"]) == {}


def test_account_keys_are_stable_signed_32_bit() -> None:
    keys = {lease.account_key(name) for name in ("one", "two", "clinic", "ünïcode")}
    assert len(keys) == 4 and all(-(2**31) <= k < 2**31 for k in keys)
    assert lease.account_key("one") == lease.account_key("one")
