"""`modbot run`: one process, one APScheduler, one job per account plus the posting loop.

Jobs are the same plain functions the CLI runs once (`poll --once`, `post --once`,
`alerts check`). On SQLite a lock file stops a second `modbot run` on the same home; on PostgreSQL,
runs (on several hosts, or several on one home) share the work and one at a time polls each
account (bot/lease.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot import alerts, audit, erasure, lease, outbox, pipeline
from bot.app import App
from bot.errors import ConfigError

logger = logging.getLogger(__name__)

POST_EVERY_SECONDS = 20
# A late or overlapping run is merged into one, and a job never runs twice at once.
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
ALERTS_EVERY_SECONDS = 60
AUDIT_CHECKPOINT_EVERY_SECONDS = 60
RETENTION_EVERY_SECONDS = 24 * 3600


@contextmanager
def single_instance(home: Path) -> Iterator[None]:
    path = home / "run.lock"
    handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600), "a+")
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


def build_scheduler(app: App) -> BlockingScheduler:
    scheduler = BlockingScheduler(job_defaults=JOB_DEFAULTS)
    # On PostgreSQL several `modbot run` (hosts) may share the database: each account is polled
    # only by the process holding its advisory lock; all of them post (rows are claimed).
    leases = lease.PollLeases(app.engine)
    for account in app.config.accounts:
        seconds = account.poll_every.total_seconds()
        poll = functools.partial(pipeline.poll_account, app, account)
        scheduler.add_job(
            _guarded(f"poll:{account.name}", leases.guard(account.name, poll)),
            IntervalTrigger(seconds=seconds, jitter=min(seconds * 0.1, 60)),
            id=f"poll:{account.name}",
            **JOB_DEFAULTS,
            name=f"poll {account.name}",
            next_run_time=_now(),
        )
    # Posting is a recurring loop over the outbox, never a one-off job per reply.
    scheduler.add_job(
        _guarded("post", functools.partial(outbox.post_once, app)),
        IntervalTrigger(seconds=POST_EVERY_SECONDS),
        id="post",
        **JOB_DEFAULTS,
        name="post approved replies",
    )
    scheduler.add_job(
        _guarded("alerts", functools.partial(alerts.check, app)),
        IntervalTrigger(seconds=ALERTS_EVERY_SECONDS),
        id="alerts",
        **JOB_DEFAULTS,
        name="alerts",
    )
    # Commits that write audit events sign a checkpoint at once; this also signs the state at
    # least every minute while it changes (e.g. events written by another process).
    scheduler.add_job(
        _guarded("audit", functools.partial(audit.checkpoint, app)),
        IntervalTrigger(seconds=AUDIT_CHECKPOINT_EVERY_SECONDS),
        id="audit",
        **JOB_DEFAULTS,
        name="audit checkpoint",
    )
    if app.config.retention.comment_text_days:  # `modbot erase --expired`, daily from start-up
        scheduler.add_job(
            _guarded("retention", functools.partial(erasure.purge_expired, app)),
            IntervalTrigger(seconds=RETENTION_EVERY_SECONDS),
            id="retention",
            **JOB_DEFAULTS,
            name="retention purge",
            next_run_time=_now(),
        )
    return scheduler


def _now() -> datetime:
    return datetime.now(UTC)


def run(app: App) -> None:
    # SQLite is one host's file: one `modbot run` per home. On PostgreSQL the per-account leases
    # already make runs share the work, so a second run on the same home is another worker.
    shared = app.engine.dialect.name == "postgresql"
    with contextlib.nullcontext() if shared else single_instance(app.config.home):
        scheduler = build_scheduler(app)
        logger.info("scheduler: %d account job(s), posting and alerts", len(app.config.accounts))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
