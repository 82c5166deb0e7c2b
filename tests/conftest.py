"""Shared fixtures: a network guard, a migrated SQLite file, a modbot home.

Every test runs behind a guard that refuses connections to anything but loopback, so no test can
reach the internet, and `time.sleep` is shortened so retry back-offs in client libraries do not
slow the suite.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection


def _is_loopback(address: Any) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkRefused(RuntimeError):
    pass


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_loopback(address):
        raise NetworkRefused(f"test tried to reach {address!r}; only loopback is allowed")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if not _is_loopback(address):
        raise NetworkRefused(f"test tried to reach {address!r}; only loopback is allowed")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


@pytest.fixture(autouse=True)
def fast_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Client libraries back off with time.sleep; tests should not wait for real."""
    import time

    real_sleep = time.sleep
    monkeypatch.setattr(time, "sleep", lambda seconds: real_sleep(min(seconds, 0.01)))


@pytest.fixture(scope="session")
def shared_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One trained triage model for the whole run: training is deterministic, so every home
    would build the same one."""
    return tmp_path_factory.mktemp("model")


@pytest.fixture(scope="session")
def model_dir(shared_model_dir: Path) -> Path:
    """The session's one trained triage model (in `shared_model_dir`), trained on first use."""
    import classifiers

    classifiers.load_triager(shared_model_dir)
    return shared_model_dir


@pytest.fixture(scope="session", autouse=True)
def session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A modbot home for what the session sets up before any test's own (the session's model and
    the encoder's graph): never the developer's home or cache."""
    path = tmp_path_factory.mktemp("session-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MODBOT_HOME", str(path))
        yield path


@pytest.fixture
def seed_embeddings(model_dir: Path) -> Callable[[Path], Path]:
    """`seed_embeddings(new_dir)` gives a model directory the session model's embedding cache, as
    a rebuild in one directory finds its own: a test that trains a model of its own then takes
    seconds, not the minute and a half of embedding the corpus again."""

    def seed(new_dir: Path) -> Path:
        new_dir.mkdir(parents=True, exist_ok=True)
        for cache in model_dir.glob("encoder-cache-*.npz"):
            shutil.copy2(cache, new_dir / cache.name)
        return new_dir

    return seed


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shared_model_dir: Path) -> None:
    """No test reads the developer's real modbot home, cache or MODBOT_* settings."""
    for name in list(os.environ):
        if name.startswith("MODBOT_") and name != "MODBOT_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("MODBOT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MODBOT_CLASSIFIER_MODEL_DIR", str(shared_model_dir))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An initialised modbot home (config, secrets dir, migrated SQLite database)."""
    from bot import app

    path = tmp_path / "home"
    app.init_home(path)
    return path


@pytest.fixture
def db_url(home: Path) -> str:
    return f"sqlite:///{home / 'modbot.db'}"


@pytest.fixture
def runner() -> Iterator[Any]:
    from click.testing import CliRunner

    yield CliRunner()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend (PostgreSQL from MODBOT_TEST_POSTGRES_URL,
    which `.ci/run` and `scripts/test` start)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backend.db'}"
        return
    base = os.environ.get("MODBOT_TEST_POSTGRES_URL")
    if not base and os.environ.get("CI"):
        pytest.fail("CI must run the PostgreSQL tests: MODBOT_TEST_POSTGRES_URL is not set")
    if not base:
        pytest.skip(
            "PostgreSQL not started: run the tests through scripts/test (or set MODBOT_TEST_POSTGRES_URL)"
        )
    import uuid

    from sqlalchemy import create_engine, text

    name = f"modbot_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
