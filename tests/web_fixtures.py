"""Fixtures of the dashboard tests, loaded with `pytest_plugins = ["tests.web_fixtures"]`: one
seeded home built per session, copied for every test, and the real app factory over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import app as application
from bot.web import create_app
from tests.web_support import Seed, build_home, copy_home


@pytest.fixture(scope="session")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seed]:
    path = tmp_path_factory.mktemp("web-template") / "home"
    return path, build_home(path)


@pytest.fixture
def seed(template_home: tuple[Path, Seed]) -> Seed:
    return template_home[1]


@pytest.fixture
def modbot(template_home: tuple[Path, Seed], tmp_path: Path) -> application.App:
    return application.open_app(copy_home(template_home[0], tmp_path / "site"))


@pytest.fixture
def web(modbot: application.App) -> Any:
    return create_app(modbot, testing=True)


@pytest.fixture
def client(web: Any) -> Iterator[Any]:
    with web.test_client() as client:
        yield client
