"""Ingest benchmark: a 10,000-comment YouTube backfill from the connector's pages to stored,
triaged rows with suggestions, then quota units per 1,000 new comments.

Runs the real google-api-python-client against the fake YouTube server on 127.0.0.1, the real
pipeline and a real SQLite file. Usage: .venv/bin/python bench/ingest.py [--comments N]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import app as application  # noqa: E402
from bot import pipeline  # noqa: E402
from tests.fakes.youtube import FakeYouTube  # noqa: E402

TEXTS = [
    "This video came at exactly the right time, thank you!",
    "How do I stop overthinking every conversation at night? It's wrecking my sleep.",
    "the part at 4:12 is so true lol",
    "Are you taking new clients in Ohio?",
    "See you Thursday! Loved the video you told me about in session",
    "i don't want to be here anymore, nothing helps",
    "Great editing, what camera do you use?",
    "My partner refuses therapy, should I leave?",
]


def main() -> None:
    # One crisis alert per crisis comment would go to the log (no alert channel is configured).
    logging.getLogger("bot.alerts").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeYouTube() as server:
        server.quota_limit = 1_000_000
        videos = [server.add_video(title=f"Video {n}") for n in range(20)]
        for n in range(args.comments):
            server.add_comment(
                videos[n % len(videos)], f"{TEXTS[n % len(TEXTS)]} #{n}", author=f"viewer{n % 997}"
            )
        home = Path(tmp) / "home"
        app = application.init_home(home)
        (home / "modbot.toml").write_text(
            (home / "modbot.toml").read_text() + "\n" + server.config_toml("yt"), encoding="utf-8"
        )
        app.secrets.write_json("yt", server.secrets())
        app = application.open_app(home)
        app.triager()  # load (or train) the model outside the timing, as a running service has it

        account = app.config.account("yt")
        started = time.perf_counter()
        backfill = pipeline.poll_account(app, account)
        elapsed = time.perf_counter() - started

        for n in range(1000):
            server.add_comment(videos[n % len(videos)], f"{TEXTS[n % len(TEXTS)]} new {n}")
        fresh = pipeline.poll_account(app, account)
        quiet = pipeline.poll_account(app, account)

    figures = {
        "backfill_comments": backfill.new_items,
        "backfill_seconds": round(elapsed, 2),
        "items_per_second": round(backfill.new_items / elapsed, 1),
        "backfill_quota_units": backfill.units,
        "units_per_1000_new_comments": fresh.units,
        "new_comments_stored": fresh.new_items,
        "quiet_poll_units": quiet.units,
    }
    for key, value in figures.items():
        print(f"{key:>28}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
