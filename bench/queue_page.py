"""Time the dashboard's queue page on a database of 100,000 items.

    .venv/bin/python bench/queue_page.py [--items 100000] [--keep DIR]

Builds a migrated SQLite home with bulk inserts (a few seconds), signs in through the real login
form, and prints the median time of each queue request through the real Flask app.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bot import app as application
from bot import users
from bot.domain import CATEGORIES, category_priority
from bot.models import Account, Item
from bot.storage import OPEN_STATUSES
from bot.web import create_app

WORDS = (
    "thanks",
    "video",
    "helped",
    "anxiety",
    "sleep",
    "question",
    "therapy",
    "grounding",
    "panic",
    "great",
    "explain",
    "stress",
    "work",
    "family",
    "boundaries",
    "breathing",
    "journal",
)
PASSWORD = "benchmark password"


def build(home: Path, count: int) -> None:
    app = application.init_home(home)
    rng = random.Random(7)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with app.sessions.begin() as session:
        users.add_user(session, "bench", "owner", PASSWORD)
        accounts = [
            Account(name=f"acct{n}", platform=p, notices=[])
            for n, p in enumerate(("youtube", "reddit", "youtube"))
        ]
        session.add_all(accounts)
        session.flush()
        ids = [(a.id, a.platform) for a in accounts]
    weights = (0.02, 0.05, 0.18, 0.75)
    statuses = (*OPEN_STATUSES, "approved", "posted", "rejected", "dismissed")
    rows = []
    for n in range(count):
        account_id, platform = ids[n % len(ids)]
        category = rng.choices(CATEGORIES, weights)[0]
        status = rng.choice(statuses) if rng.random() < 0.3 else "suggested"
        rows.append(
            {
                "account_id": account_id,
                "platform": platform,
                "kind": "comment",
                "external_id": f"b{n}",
                "author": f"user{rng.randrange(5000)}",
                "text": " ".join(rng.choices(WORDS, k=rng.randrange(5, 40))),
                "published_at": start + timedelta(seconds=n * 30),
                "fetched_at": start + timedelta(seconds=n * 30 + 5),
                "status": status,
                "category": category,
                "labels": [category] if category != "engagement" else [],
                "priority": category_priority(category),
            }
        )
    with app.engine.begin() as connection:
        for offset in range(0, len(rows), 10_000):
            connection.execute(insert(Item), rows[offset : offset + 10_000])
        connection.exec_driver_sql("ANALYZE")


def measure(client: object, url: str, runs: int) -> float:
    get = client.get  # type: ignore[attr-defined]
    response = get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        response = get(url)
        timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build the home here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = args.keep or Path(scratch) / "home"
        begin = time.perf_counter()
        build(home, args.items)
        print(f"built {args.items:,} items in {time.perf_counter() - begin:.1f} s")
        app = application.open_app(home)
        web = create_app(app)
        client = web.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert token
        client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": token.group(1)})
        first = client.get("/queue").get_data(as_text=True)
        after = re.search(r'href="(/queue\?after=[^"]+)" rel="next"', first)
        assert after, "no next page"
        cases = {
            "queue, first page": "/queue",
            "queue, next page (keyset)": after.group(1).replace("&amp;", "&"),
            "queue, category=engagement": "/queue?category=engagement",
            "queue, platform+account": "/queue?platform=reddit&account=acct1",
            "queue, status=all": "/queue?status=all",
            "queue, text search": "/queue?q=boundaries+breathing",
            "queue, author search": "/queue?author=user42",
        }
        worst = 0.0
        for name, url in cases.items():
            ms = measure(client, url, args.runs)
            worst = max(worst, ms)
            print(f"{name:32} {ms:7.1f} ms (median of {args.runs})")
        print(f"slowest queue page: {worst:.1f} ms (target < 300 ms)")
        first_item = re.search(r'data-href="(/items/\d+)"', first)
        assert first_item
        # Opening an item only reads (the reveal and the claim are separate POSTs).
        item_ms = measure(client, first_item.group(1), args.runs)
        print(f"{'item page (crisis, first in queue)':32} {item_ms:7.1f} ms")
        return 0 if worst < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
