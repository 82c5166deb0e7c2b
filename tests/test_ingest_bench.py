"""bench/ingest.py at CI scale, so the bench cannot rot: every figure present and sane (no timing
bars here), and the one promise that is about time, checked for real: a crisis comment added while
`modbot run` is running reaches a local webhook within the poll interval plus 2 s (plus slack for
a loaded CI machine)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import ingest

pytestmark = pytest.mark.slow

POLL_EVERY = 2.0
SLACK = 3.0  # a shared 2-core CI machine


def test_every_figure_of_the_bench_is_there_and_sane(tmp_path: Path, model_dir: Path) -> None:
    postgres = os.environ.get("MODBOT_TEST_POSTGRES_URL")
    figures = ingest.run(
        tmp_path,
        comments=150,
        bursts=[40, 150],
        samples=1,
        poll_every=POLL_EVERY,
        model_dir=model_dir,
        postgres=postgres,
        report=lambda line: None,
    )

    assert figures["floor"]["items"] == 150 and figures["floor"]["units"] >= 2
    backends = ["sqlite", "postgresql"] if postgres else ["sqlite"]
    for backend in backends:
        backfill = figures[backend]
        assert (backfill["items"], backfill["stored"], backfill["triaged"]) == (150, 150, 150), backend
        assert backfill["viewed_with_suggestions"] == backfill["viewed"] > 0, "a first view offers replies"
        assert backfill["units"] == figures["floor"]["units"], "the pipeline reads what the connector reads"
        assert backfill["seconds"] > 0
    assert figures["cli"]["summary"].startswith("channel: 150 new, ")
    assert figures["cli_quiet"]["summary"].startswith("channel: 0 new, ")
    assert 20 < figures["cli"]["peak_rss_mb"] < 300, "a real process's peak RSS, under the issue's bar"

    first, second = figures["quota"]["bursts"]
    assert (first["new_comments"], second["new_comments"]) == (40, 150)
    assert second["units_per_1000"] == round(second["units"] * 1000 / 150, 2) > 0
    quiet = figures["quota"]["quiet"]
    assert quiet["listing_reads"] >= 1 and quiet["units_per_listing_read"] == 1.0, (
        "a quiet poll: 1 unit a listing"
    )

    run = figures["run"]
    assert run["peak_rss_mb"] is None or 20 < run["peak_rss_mb"] < 300
    (sample,) = run["samples"]
    assert 0 < sample["stored_to_webhook"] < sample["added_to_webhook"]

    rows = dict(ingest.summary_rows(figures))
    assert rows["comments in the channel"] == "150"
    assert ("  PostgreSQL / SQLite" in rows) == bool(postgres)
    assert rows["  stored / triaged"] == "150 / 150"
    assert rows["  first view: suggestions ready"].startswith(f"{figures['sqlite']['viewed']} of ")
    assert "median" in rows["crisis: item stored -> webhook"]


def test_a_crisis_comment_reaches_the_webhook_within_the_poll_interval_plus_two_seconds(
    tmp_path: Path, model_dir: Path
) -> None:
    with ingest.RemoteYouTube() as remote:
        remote.call(ingest.add_comments, 30)
        figures = ingest.crisis_latency(
            tmp_path, remote, model_dir, expected=30, samples=2, poll_every=POLL_EVERY, startup_timeout=120
        )
    assert len(figures["samples"]) == 2
    for sample in figures["samples"]:
        assert sample["added_to_webhook"] <= POLL_EVERY + 2 + SLACK, sample
        assert sample["stored_to_webhook"] <= 2 + SLACK, sample
