"""A YouTube poll classifies each page's items while it reads the next (`pipeline._Ahead`): the
verdicts it stores are the classifier's, and a failure there changes nothing a user sees."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import app as application
from bot import pipeline
from bot.models import Item, TriageResult
from tests.fakes.youtube import FakeYouTube

COMMENTS = 250  # three pages of the published listing


class WatchedTriager:
    """The real triager, noting which thread classified how many items; optionally failing in
    the poll's background thread."""

    def __init__(self, real: Any, *, fail_ahead: bool = False) -> None:
        self.real, self.fail_ahead = real, fail_ahead
        self.version = real.version
        self.by_thread: dict[str, int] = {}
        self.intervals: set[float] = set()  # the switch interval while classifying

    def triage(self, text: str, **kwargs: Any) -> Any:
        return self.real.triage(text, **kwargs)

    def triage_many(self, texts: Any, **kwargs: Any) -> Any:
        name = threading.current_thread().name
        if self.fail_ahead and name == "triage-ahead":
            raise RuntimeError("classifier failed")
        self.by_thread[name] = self.by_thread.get(name, 0) + len(texts)
        self.intervals.add(sys.getswitchinterval())
        return self.real.triage_many(texts, **kwargs)


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        video = server.add_video(title="Panic")
        for n in range(COMMENTS):
            text = "i don't want to be here anymore" if n == 7 else f"thank you for this {n}"
            server.add_comment(video, text, author=f"viewer{n}")
        yield server


@pytest.fixture
def app(home: Path, youtube_server: FakeYouTube) -> application.App:
    config = home / "modbot.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + youtube_server.config_toml("yt"),
                      encoding="utf-8")
    app = application.open_app(home)
    app.secrets.write_json("yt", youtube_server.secrets())
    return app


def crisis_texts(app: application.App) -> list[str]:
    with app.reads() as session:
        return list(session.scalars(select(Item.text).where(Item.category == "crisis")))


def counts(app: application.App) -> tuple[int, int, int, int]:
    with app.reads() as session:
        return (
            session.scalar(select(func.count()).select_from(Item)) or 0,
            session.scalar(select(func.count()).select_from(TriageResult)) or 0,
            session.scalar(select(func.count()).select_from(Item).where(Item.status == "suggested")) or 0,
            session.scalar(select(func.count()).select_from(Item).where(Item.category == "crisis")) or 0,
        )


def test_items_are_classified_while_the_pages_are_read_and_stored_once(app: application.App) -> None:
    watched = WatchedTriager(app.triager())
    app._triager = watched
    interval = sys.getswitchinterval()

    summary = pipeline.poll_account(app, app.config.account("yt"))

    assert summary.error is None and summary.new_items == COMMENTS and summary.triaged == COMMENTS
    assert watched.by_thread == {"triage-ahead": COMMENTS}  # none classified twice
    assert counts(app) == (COMMENTS, COMMENTS, COMMENTS, 1)
    assert crisis_texts(app) == ["i don't want to be here anymore"]  # each verdict on its own item
    assert watched.intervals == {pipeline.SWITCH_INTERVAL}
    assert sys.getswitchinterval() == interval  # as it was before the poll


def test_a_failure_classifying_ahead_leaves_the_classifying_to_after_the_poll(app: application.App) -> None:
    watched = WatchedTriager(app.triager(), fail_ahead=True)
    app._triager = watched

    summary = pipeline.poll_account(app, app.config.account("yt"))

    assert summary.error is None and summary.new_items == COMMENTS and summary.triaged == COMMENTS
    assert watched.by_thread == {threading.current_thread().name: COMMENTS}
    assert counts(app) == (COMMENTS, COMMENTS, COMMENTS, 1)
    assert crisis_texts(app) == ["i don't want to be here anymore"]
    assert not [t for t in threading.enumerate() if t.name == "triage-ahead"]  # shut down


def test_an_error_storing_the_poll_stops_the_thread_and_restores_the_switch_interval(
    app: application.App, monkeypatch: pytest.MonkeyPatch
) -> None:
    interval = sys.getswitchinterval()

    def broken_store(*args: Any) -> Any:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(pipeline, "_store", broken_store)
    with pytest.raises(RuntimeError, match="disk gone"):
        pipeline.poll_account(app, app.config.account("yt"))

    assert sys.getswitchinterval() == interval
    assert not [t for t in threading.enumerate() if t.name == "triage-ahead"]
