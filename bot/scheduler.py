"""`modbot run`: one process, one APScheduler, one job per account plus the posting loop.

Jobs are the same plain functions the CLI runs once (`poll --once`, `post --once`,
`alerts check`). A lock file stops a second `modbot run` on the same home.
"""

from __future__ import annotations

import fcntl
import functools
import importlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot import pipeline
from bot.app import App
from bot.errors import ConfigError

logger = logging.getLogger(__name__)

POST_EVERY_SECONDS = 20
ALERTS_EVERY_SECONDS = 60


@contextmanager
def single_instance(home: Path) -> Iterator[None]:
    path = home / "run.lock"
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise ConfigError(f"another `modbot run` is already using {home} (lock {path})") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _guarded(name: str, job: Callable[[], Any]) -> Callable[[], None]:
    """A job that never kills the scheduler: failures are logged (ids only) and retried next run."""

    def run() -> None:
        try:
            job()
        except Exception:
            logger.exception("job %s failed; it will run again at its next interval", name)

    return run


def optional_job(module: str, function: str) -> Callable[[App], Any] | None:
    """Posting and alert loops, when those modules are installed."""
    try:
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


def build_scheduler(app: App) -> BlockingScheduler:
    scheduler = BlockingScheduler(
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
    )
    for account in app.config.accounts:
        seconds = account.poll_every.total_seconds()
        scheduler.add_job(
            _guarded(f"poll:{account.name}", functools.partial(pipeline.poll_account, app, account)),
            IntervalTrigger(seconds=seconds, jitter=min(seconds * 0.1, 60)),
            id=f"poll:{account.name}",
            name=f"poll {account.name}",
            next_run_time=_now(),
        )
    post_once = optional_job("bot.outbox", "post_once")
    if post_once:
        scheduler.add_job(
            _guarded("post", lambda: post_once(app)),
            IntervalTrigger(seconds=POST_EVERY_SECONDS),
            id="post",
            name="post approved replies",
        )
    check_alerts = optional_job("bot.alerts", "check")
    if check_alerts:
        scheduler.add_job(
            _guarded("alerts", lambda: check_alerts(app)),
            IntervalTrigger(seconds=ALERTS_EVERY_SECONDS),
            id="alerts",
            name="alerts",
        )
    return scheduler


def _now() -> Any:
    from datetime import datetime

    return datetime.now().astimezone()


def run(app: App) -> None:
    with single_instance(app.config.home):
        scheduler = build_scheduler(app)
        logger.warning("modbot run: %d account job(s); Ctrl-C to stop", len(app.config.accounts))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
