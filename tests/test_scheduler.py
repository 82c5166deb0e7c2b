"""`modbot run`: one job per account, posting and alert loops, one process per home."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot import app as application
from bot import scheduler, status
from bot.errors import ConfigError
from bot.models import utcnow


def add_file_account(home: Path, name: str, poll_every: str = "5m") -> Path:
    data = home / f"{name}.jsonl"
    data.write_text(json.dumps({"external_id": f"{name}-1", "text": "Lovely video"}) + "\n")
    with (home / "modbot.toml").open("a") as handle:
        handle.write(f'\n[[accounts]]\nname = "{name}"\nplatform = "file"\npath = "{data}"\n'
                     f'poll_every = "{poll_every}"\n')
    return data


def test_one_coalescing_job_per_account_plus_posting_and_alerts(home: Path) -> None:
    add_file_account(home, "one", "2m")
    add_file_account(home, "two", "1h")
    built = scheduler.build_scheduler(application.open_app(home))
    jobs = {job.id: job for job in built.get_jobs()}
    assert set(jobs) == {"poll:one", "poll:two", "post", "alerts", "audit"}
    assert jobs["audit"].trigger.interval == timedelta(minutes=1)
    assert jobs["poll:one"].trigger.interval == timedelta(minutes=2)
    assert jobs["poll:two"].trigger.interval == timedelta(hours=1)
    assert all(job.coalesce and job.max_instances == 1 for job in jobs.values())


def test_a_second_run_on_the_same_home_is_refused(home: Path) -> None:
    with scheduler.single_instance(home):
        with pytest.raises(ConfigError, match="another `modbot run`"):
            with scheduler.single_instance(home):
                pass
    with scheduler.single_instance(home):  # released again
        pass


def test_an_account_without_a_successful_poll_for_three_intervals_is_quiet(home: Path) -> None:
    from bot import pipeline

    data = add_file_account(home, "feed", "5m")
    app = application.open_app(home)
    pipeline.poll_account(app, app.config.account("feed"), now=utcnow() - timedelta(minutes=16))
    data.unlink()  # the next poll fails
    pipeline.poll_account(app, app.config.account("feed"))
    [feed] = status.account_statuses(app)
    assert feed.quiet and feed.state == "error"
    assert "cannot read" in (feed.last_error or "")
    assert any("QUIET" in line for line in feed.lines())
