"""The torture suites at CI scale (bench/torture.py runs them at full scale): posters SIGKILLed at
random moments, unclear outcomes, concurrent posters on PostgreSQL, poison items. Each counts from
outside what the platform ended up with: nothing lost, duplicated or stuck."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import torture

pytestmark = pytest.mark.slow


def test_posters_killed_at_random_moments_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    tally = torture.crash_points(tmp_path, kills=12)
    assert tally.events == 12 and tally.approvals >= 12
    assert (tally.lost, tally.duplicated, tally.stuck) == (0, 0, 0), tally.line()


def test_unclear_outcomes_end_with_exactly_one_reply_each(tmp_path: Path) -> None:
    tally = torture.unclear_outcomes(tmp_path, outcomes=30)
    assert tally.events >= 30
    assert (tally.lost, tally.duplicated, tally.stuck) == (0, 0, 0), tally.line()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_four_posters_on_postgresql_with_faults_send_each_approval_once(
    tmp_path: Path, database_url: str
) -> None:
    tally = torture.concurrent_posters(tmp_path, database_url, approvals=40, posters=4)
    assert tally.events >= 1
    assert (tally.lost, tally.duplicated, tally.stuck) == (0, 0, 0), tally.line()


def test_poison_items_are_quarantined_once_and_the_rest_stored(tmp_path: Path) -> None:
    tally = torture.poison_items(tmp_path, items=150, poison=4)
    assert tally.events == 4
    assert (tally.lost, tally.duplicated, tally.stuck) == (0, 0, 0), tally.line()


def test_the_runner_prints_the_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert torture.main(["--only", "crash", "--kills", "3"]) == 0
    out = capsys.readouterr().out
    assert "3 SIGKILLs" in out and "lost 0  duplicated 0  stuck 0" in out
