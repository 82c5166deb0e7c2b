"""Torture runner: the exactly-once and poison-item promises under crashes, unclear outcomes,
concurrent posters and unreadable items, counted from outside (what the platform ended up with).

Scenarios (each prints approvals, events, and the three counts that must be 0):
- crash:      posters SIGKILLed at random moments (a random timer, before the send, right after
              the platform saved the reply, mid-lookup); the file connector is the platform.
- unclear:    the real YouTube client against the fake server answering saved-then-503/500,
              dropped (connection reset) or late, before or after saving.
- concurrent: several poster processes at once on PostgreSQL against the fake YouTube, a share
              of the sends faulted.
- poison:     a Reddit mentions listing (several pages) with unreadable items among good ones,
              polled twice through the real pipeline.

lost: an approval with no reply (or a good item not stored); duplicated: an approval with two or
more replies (or an item stored/quarantined twice); stuck: an outbox row not `posted` at the end
(or a poison item delivered again).

Usage: .venv/bin/python bench/torture.py [--kills 200] [--unclear 600] [--approvals 800]
       [--posters 4] [--poison 20] [--only crash,unclear,...] [--postgres-url URL] [--seed N]
The tests (tests/test_torture.py) run the same scenarios at CI scale.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import math
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from bot import approval, outbox, pipeline, users  # noqa: E402
from bot.app import App, init_home, open_app  # noqa: E402
from bot.models import OutboxRow  # noqa: E402
from tests.fakes.reddit import FakeReddit  # noqa: E402
from tests.fakes.youtube import FakeYouTube  # noqa: E402
from tests.test_approval_support import ASSISTANT, add_item, workflow_app  # noqa: E402

UNFINISHED = ("pending", "posting", "unknown")


@dataclass
class Tally:
    scenario: str
    approvals: int = 0
    events: int = 0
    event_name: str = "events"
    unit: str = "approvals"
    lost: int = 0
    duplicated: int = 0
    stuck: int = 0
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return self.lost == self.duplicated == self.stuck == 0

    def line(self) -> str:
        return (
            f"{self.scenario:<10} {self.approvals:>5} {self.unit:<9} "
            f"{self.events:>5} {self.event_name:<16} "
            f"lost {self.lost}  duplicated {self.duplicated}  stuck {self.stuck}  ({self.seconds:.0f} s)"
        )


def _count(app: App, *statuses: str) -> int:
    with app.reads() as session:
        return (
            session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.status.in_(statuses)))
            or 0
        )


def _finish(app: App, passes: int = 10) -> None:
    """Clean poster passes until nothing is left to do (stale claims of dead pids recover at once)."""
    for _ in range(passes):
        if not _count(app, *UNFINISHED):
            return
        outbox.post_once(app)


def _judge(tally: Tally, app: App, wanted: list[tuple[str, str]], got: Counter[tuple[str, str]]) -> Tally:
    """Compare the platform's replies per (target, text) with the approvals."""
    tally.approvals = len(wanted)
    tally.lost = sum(1 for key in wanted if got[key] == 0)
    tally.duplicated = sum(1 for key in wanted if got[key] > 1)
    tally.stuck = _count(app, *UNFINISHED, "failed")
    return tally


def _fork(child: Callable[[], None]) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            child()
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    return pid


# ---------------------------------------------------------------------------------- crash points
def crash_points(workdir: Path, kills: int, seed: int = 1) -> Tally:
    """Posters SIGKILLed at random moments until `kills` kills, then a clean poster finishes."""
    began, rng = time.monotonic(), random.Random(seed)
    home = workdir / "crash"
    init_home(home).engine.dispose()
    app = workflow_app(home)
    wanted: list[tuple[str, str]] = []

    def approve(count: int) -> None:
        for n in range(len(wanted), len(wanted) + count):
            text = f"Thank you for watching! ({n})"
            item_id = add_item(app, suggestions=[("thanks", text)], external_id=f"c{n}")
            approval.approve(app, item_id, ASSISTANT)
            wanted.append((f"c{n}", text))
        app.engine.dispose()

    approve(max(8, kills * 2))
    tally = Tally("crash", event_name="SIGKILLs")
    while tally.events < kills:
        child_seed = rng.randrange(2**32)
        pid = _fork(functools.partial(_dying_poster, home, child_seed))
        deadline = time.monotonic() + rng.uniform(0.0, 0.6)
        status = 0
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.002)
        else:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            tally.events += 1
        elif not _count(app, *UNFINISHED):
            approve(5)  # everything posted before the kills ran out: more work to be killed in
    _finish(app)
    replies = Path(str(app.config.account("inbox").path) + ".replies.jsonl")
    got: Counter[tuple[str, str]] = Counter()
    for line in replies.read_text(encoding="utf-8").splitlines() if replies.exists() else []:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if "parent_id" in record and "text" in record:
            got[(record["parent_id"], record["text"])] += 1
    _judge(tally, app, wanted, got)
    app.engine.dispose()
    tally.seconds = time.monotonic() - began
    return tally


def _dying_poster(home: Path, seed: int) -> None:  # pragma: no cover - runs in a forked child
    rng = random.Random(seed)
    app = open_app(home)
    real = App.connector

    class Dying:
        def __init__(self, inner: Any) -> None:
            self.inner, self.platform = inner, inner.platform

        def post_reply(self, item: Any, text: str) -> str:
            if rng.random() < 0.15:
                os.kill(os.getpid(), signal.SIGKILL)  # before the send
            reply = self.inner.post_reply(item, text)
            if rng.random() < 0.25:
                os.kill(os.getpid(), signal.SIGKILL)  # right after the platform saved it
            return str(reply)

        def find_reply(self, item: Any, text: str) -> str | None:
            if rng.random() < 0.1:
                os.kill(os.getpid(), signal.SIGKILL)  # mid-lookup
            return self.inner.find_reply(item, text)  # type: ignore[no-any-return]

    app.connector = lambda account: Dying(real(app, account))  # type: ignore[method-assign]
    for _ in range(100):
        if not outbox.post_once(app).lines and not _count(app, *UNFINISHED):
            return


# -------------------------------------------------------------------------- YouTube set-up helpers
def _channel(home: Path, server: FakeYouTube, database_url: str | None = None) -> App:
    home.mkdir(parents=True, mode=0o700)
    database = f'[database]\nurl = "{database_url}"\n\n' if database_url else ""
    (home / "modbot.toml").write_text(database + server.config_toml("channel"), encoding="utf-8")
    app = init_home(home)
    app.secrets.write_json("channel", server.secrets())
    with app.sessions.begin() as session:
        users.add_user(session, ASSISTANT, "assistant", None)
    return app


def _approve_comments(app: App, server: FakeYouTube, count: int) -> list[tuple[str, str]]:
    video = server.add_video(title="Torture")
    wanted = []
    for n in range(count):
        comment_id = server.add_comment(video, f"Thanks for this ({n})", author=f"viewer{n}")
        text = f"Thank you for watching! ({n})"
        item_id = add_item(
            app, platform="youtube", account="channel", external_id=comment_id, suggestions=[("thanks", text)]
        )
        approval.approve(app, item_id, ASSISTANT)
        wanted.append((comment_id, text))
    return wanted


def _youtube_replies(server: FakeYouTube) -> Counter[tuple[str, str]]:
    return Counter((str(reply.parent_id), reply.text) for reply in server.replies_posted)


FAULTS = [  # (kind, status, after_save): saved-then-503/500, dropped, late; and the same unsaved
    ("status", 503, True),
    ("status", 500, True),
    ("reset", 500, True),
    ("timeout", 500, True),
    ("status", 503, False),
    ("reset", 500, False),
    ("timeout", 500, False),
]


def _inject(server: FakeYouTube, rng: random.Random, count: int) -> None:
    for _ in range(count):
        kind, status, after_save = rng.choice(FAULTS)
        server.fail_next("/comments", status, kind=kind, after_save=after_save, method="POST", delay=0.05)


def _unclear_answers(server: FakeYouTube) -> int:
    return sum(1 for request in server.calls("comments.insert") if request.status >= 500)


def _settle(tally: Tally, app: App, server: FakeYouTube, wanted: list[tuple[str, str]]) -> None:
    """Faults off, every unfinished reply finished, and the channel judged against what was wanted."""
    server.clear_faults()
    _finish(app)
    tally.events = _unclear_answers(server)
    _judge(tally, app, wanted, _youtube_replies(server))
    app.engine.dispose()


# ------------------------------------------------------------------------------ unclear outcomes
def unclear_outcomes(workdir: Path, outcomes: int, seed: int = 2) -> Tally:
    """Replies whose answer is unclear (saved or not, then 503/500/reset/late) until `outcomes`."""
    began, rng = time.monotonic(), random.Random(seed)
    tally = Tally("unclear", event_name="unclear outcomes")
    with FakeYouTube(quota_limit=10_000_000) as server:
        app = _channel(workdir / "unclear", server)
        wanted = _approve_comments(app, server, max(10, math.ceil(outcomes / 0.6)))
        for _ in range(200):
            left = _count(app, *UNFINISHED)
            if not left:
                break
            need = outcomes - _unclear_answers(server)
            _inject(server, rng, min(max(need, 0), math.ceil(left * 0.6)))
            outbox.post_once(app)
        _settle(tally, app, server, wanted)
    tally.seconds = time.monotonic() - began
    return tally


# --------------------------------------------------------------------- concurrent posters (PostgreSQL)
def concurrent_posters(
    workdir: Path, database_url: str, approvals: int, posters: int = 4, fault_rate: float = 0.2, seed: int = 3
) -> Tally:
    """`posters` processes at once on one PostgreSQL database, a share of the sends faulted."""
    began, rng = time.monotonic(), random.Random(seed)
    tally = Tally("concurrent", event_name="faulted sends")
    with FakeYouTube(quota_limit=10_000_000) as server:
        home = workdir / "concurrent"
        app = _channel(home, server, database_url)
        wanted = _approve_comments(app, server, approvals)
        _inject(server, rng, round(approvals * fault_rate))
        app.engine.dispose()
        pids = [_fork(functools.partial(_poster, home, f"p{n}")) for n in range(posters)]
        for pid in pids:
            os.waitpid(pid, 0)
        _settle(tally, app, server, wanted)
    tally.seconds = time.monotonic() - began
    return tally


def _poster(home: Path, name: str) -> None:  # pragma: no cover - runs in a forked child
    app = open_app(home)
    for _ in range(20):
        summary = outbox.post_once(app, worker=name)
        if not summary.lines and not _count(app, "pending", "unknown"):
            break
    app.engine.dispose()


# ----------------------------------------------------------------------------------- poison items
def poison_items(workdir: Path, items: int, poison: int, seed: int = 4) -> Tally:
    """A mentions listing of `items` (several pages), `poison` of them unreadable, polled twice."""
    began, rng = time.monotonic(), random.Random(seed)
    tally = Tally("poison", event_name="poison items", unit="items")
    with FakeReddit() as server:
        home = workdir / "poison"
        home.mkdir(parents=True, mode=0o700)
        settings = "".join(f'{key} = "{value}"\n' for key, value in server.account_settings().items())
        (home / "modbot.toml").write_text(
            f'[[accounts]]\nname = "reddit"\nplatform = "reddit"\n{settings}', encoding="utf-8"
        )
        app = init_home(home)
        app.secrets.write_json("reddit", server.secrets())
        post = server.add_post("A post elsewhere", author="someone", subreddit="Other")
        names = [
            server.add_mention(f"u/{server.username} mention {n}", post=post, author=f"user{n}")
            for n in range(items)
        ]
        bad = set(rng.sample(names, poison))
        for n, name in enumerate(sorted(bad)):
            server.comments[name]["author"] = None if n % 2 else 12345
        account = app.config.account("reddit")
        first = pipeline.poll_account(app, account)
        second = pipeline.poll_account(app, account)
        from bot.models import AuditEvent, Item

        with app.reads() as session:
            stored = Counter(session.scalars(select(Item.external_id)))
            quarantined = Counter(
                event.data.get("external_id")
                for event in session.scalars(
                    select(AuditEvent).where(AuditEvent.action == "poll.quarantined")
                )
            )
        good = [name for name in names if name not in bad]
        tally.approvals, tally.events = len(names), len(bad)
        tally.lost = sum(1 for name in good if stored[name] == 0) + sum(
            1 for name in bad if quarantined[name] == 0
        )
        tally.duplicated = sum(1 for n in stored.values() if n > 1) + sum(
            1 for n in quarantined.values() if n > 1
        )
        tally.stuck = (
            sum(1 for name in bad if stored[name]) + (second.new_items != 0) + (not first.items_skipped)
        )
        app.engine.dispose()
    tally.seconds = time.monotonic() - began
    return tally


# ------------------------------------------------------------------------------------------ runner
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs of the poster (crash)")
    parser.add_argument("--unclear", type=int, default=600, help="unclear outcomes (unclear)")
    parser.add_argument("--approvals", type=int, default=800, help="approvals (concurrent)")
    parser.add_argument("--posters", type=int, default=4, help="poster processes (concurrent)")
    parser.add_argument("--poison", type=int, default=20, help="unreadable items among 300 (poison)")
    parser.add_argument(
        "--only", default="crash,unclear,concurrent,poison", help="comma-separated scenarios to run"
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("MODBOT_TEST_POSTGRES_URL"),
        help="PostgreSQL server for `concurrent` (default $MODBOT_TEST_POSTGRES_URL)",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    os.umask(0o077)
    wanted = args.only.split(",")
    tallies = []
    with tempfile.TemporaryDirectory(prefix="modbot-torture-") as tmp:
        workdir = Path(tmp)
        os.environ.setdefault("MODBOT_CLASSIFIER_MODEL_DIR", str(workdir / "model"))
        if "crash" in wanted:
            tallies.append(crash_points(workdir, args.kills, args.seed))
            print(tallies[-1].line(), flush=True)
        if "unclear" in wanted:
            tallies.append(unclear_outcomes(workdir, args.unclear, args.seed + 1))
            print(tallies[-1].line(), flush=True)
        if "concurrent" in wanted:
            if not args.postgres_url:
                print("concurrent: skipped, no --postgres-url (scripts/postgres.sh start prints one)")
            else:
                with scratch_database(args.postgres_url) as url:
                    tallies.append(
                        concurrent_posters(workdir, url, args.approvals, args.posters, seed=args.seed + 2)
                    )
                print(tallies[-1].line(), flush=True)
        if "poison" in wanted:
            tallies.append(poison_items(workdir, 300, args.poison, args.seed + 3))
            print(tallies[-1].line(), flush=True)
    total = Tally(
        "total",
        sum(t.approvals for t in tallies),
        sum(t.events for t in tallies),
        "events",
        "cases",
        sum(t.lost for t in tallies),
        sum(t.duplicated for t in tallies),
        sum(t.stuck for t in tallies),
        sum(t.seconds for t in tallies),
    )
    print(total.line())
    return 0 if total.clean else 1


class scratch_database:  # noqa: N801 - used as a context manager like a function
    """A fresh database on the PostgreSQL server at `base`, dropped afterwards."""

    def __init__(self, base: str) -> None:
        import uuid

        self.base, self.name = base, f"modbot_torture_{uuid.uuid4().hex[:10]}"

    def __enter__(self) -> str:
        from sqlalchemy import create_engine, text

        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.name}"'))
        return self.base.rsplit("/", 1)[0] + f"/{self.name}"

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
