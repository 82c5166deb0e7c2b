"""Ingest benchmark: a YouTube backfill against its floor, quota per 1,000 new comments, peak
memory, and crisis alert latency through `modbot run` to a local webhook.

Everything is real except the platform: the real google-api-python-client talks to the fake
YouTube server (tests/fakes/youtube.py) on 127.0.0.1, the real pipeline writes a real SQLite file
(and a real PostgreSQL database when one is given), `modbot` runs as a subprocess where a user
would run it.

The fake server runs in a process of its own (forked before anything is measured), so its
request handling does not take CPU from the measured process. The bench controls it through a
pipe: each control call runs one small function of this module on the server's state (add N
comments, add a crisis comment, count the listing requests) and returns its result. Comments
added later are added by such a call while the measured process is running or between polls:
they exist from the moment the call returns, as on the real platform.

Figures (a table, then one JSON line):
- floor: the N-comment pages fetched and parsed by the connector alone,
  `app.connector(account).poll({}, Budget(...))`: what no pipeline can beat.
- backfill: the same pages through `pipeline.poll_account` (stored and triaged; suggestions are
  rendered at a reviewer's first view, timed separately over 200 items) on SQLite, and on
  PostgreSQL with `--postgres URL` or `$MODBOT_TEST_POSTGRES_URL` (a fresh database created and
  dropped per run); ratios to the floor and PostgreSQL/SQLite.
- cli: `modbot poll --once` as a subprocess on a fresh home: wall time (with interpreter start and
  model load; a second, quiet `poll --once` shows that start-up cost) and its peak RSS (VmHWM,
  read from /proc while it runs: getrusage would report this bench's own size, see
  `_watch_peak_rss_mb`).
- quota: units per 1,000 new comments for each burst (`--bursts`, default 1,000 and 10,000 new
  top-level comments after the backfill) and for the backfill itself, counted by the
  connector's own Budget; a quiet poll's units per listing request the server saw.
- run: `modbot run` on a fresh home whose account polls every `--poll-every` seconds and whose
  `[alerts] webhook_url` is a receiver in this process. Its peak RSS (VmHWM) after its first poll
  backfilled the N comments; then `--samples` crisis comments, one at a time, each after a
  random pause, and for each (a) comment added -> webhook received and (b) the item stored
  (its `fetched_at`, written by the poll that stored it) -> webhook received.

Usage:
    .venv/bin/python bench/ingest.py                      # 10,000 comments, SQLite
    .venv/bin/python bench/ingest.py --postgres postgresql+psycopg://...   # also PostgreSQL
    .venv/bin/python bench/ingest.py --comments 500 --bursts 100,500 --samples 2   # quick
Flags: --comments N, --bursts A,B, --samples N, --poll-every S, --postgres URL, --model-dir DIR
(default: the per-user model cache `modbot triage` uses; trained once if missing).
tests/test_ingest_bench.py runs the same functions at CI scale.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import logging
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from bot import app as application  # noqa: E402
from bot import pipeline, storage  # noqa: E402
from bot.domain import Budget  # noqa: E402
from bot.models import Item, TriageResult  # noqa: E402
from classifiers.model import user_model_dir  # noqa: E402
from tests.fakes.youtube import FakeYouTube  # noqa: E402

ACCOUNT = "channel"
VIDEOS = 20
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
CRISIS = "i don't want to be here anymore, i have a plan for tonight"


# ------------------------------------------------------------- the fake server, in its own process
# Control functions: each runs in the server's process on its FakeYouTube.


_videos: list[str] = []  # the channel's videos, in the server's process
_added = 0


def add_comments(server: FakeYouTube, count: int, label: str = "") -> int:
    """`count` top-level comments spread over the channel's videos, newest last."""
    global _added
    if not _videos:
        _videos.extend(server.add_video(title=f"Video {n}") for n in range(VIDEOS))
    for n in range(_added, _added + count):
        text = f"{TEXTS[n % len(TEXTS)]} {label}#{n}"
        server.add_comment(_videos[n % len(_videos)], text, author=f"viewer{n % 997}")
    _added += count
    return count


def add_crisis(server: FakeYouTube, sample: int) -> str:
    return server.add_comment(_videos[0], f"{CRISIS} ({sample})", author=f"person{sample}")


def listing_reads(server: FakeYouTube) -> int:
    return len(server.calls("commentThreads.list"))


def _serve(connection: Connection) -> None:  # pragma: no cover - runs in the forked child
    with FakeYouTube(quota_limit=10_000_000) as server:
        connection.send((server.config_toml(ACCOUNT), server.secrets()))
        while (message := connection.recv()) is not None:
            function, args = message
            try:
                connection.send((True, function(server, *args)))
            except Exception as exc:  # reported to the bench, which raises it
                connection.send((False, f"{exc.__class__.__name__}: {exc}"))


class RemoteYouTube:
    """A FakeYouTube serving from a forked process; `call(function, *args)` runs a control
    function above on its state and returns the result."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True, name="fake-youtube")
        self._process.start()
        child.close()
        self.config_toml, self.secrets = self._connection.recv()

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        self._connection.send((function, args))
        ok, result = self._connection.recv()
        if not ok:
            raise RuntimeError(f"fake server: {result}")
        return result

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._connection.send(None)
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def __enter__(self) -> RemoteYouTube:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------------------------- homes
def make_home(
    path: Path,
    remote: RemoteYouTube,
    model_dir: Path,
    *,
    database_url: str | None = None,
    poll_every: float | None = None,
    webhook_url: str | None = None,
) -> Path:
    """A modbot home connected to the fake channel (account `channel`)."""
    path.mkdir(parents=True, mode=0o700)
    parts = [f'[classifier]\nmodel_dir = "{model_dir}"\n']
    if database_url:
        parts.append(f'[database]\nurl = "{database_url}"\n')
    if webhook_url:
        parts.append(f'[alerts]\nwebhook_url = "{webhook_url}"\n')
    account = remote.config_toml
    if poll_every is not None:
        account += f"poll_every = {poll_every}\n"
    (path / "modbot.toml").write_text("\n".join([*parts, account]), encoding="utf-8")
    app = application.init_home(path)
    app.secrets.write_json(ACCOUNT, remote.secrets)
    app.engine.dispose()
    return path


@contextlib.contextmanager
def scratch_database(base: str) -> Iterator[str]:
    """A fresh database on the PostgreSQL server at `base` (as tests/conftest.py makes them),
    dropped afterwards."""
    name = f"modbot_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# ------------------------------------------------------------------------------------- phases
def floor(home: Path) -> dict[str, Any]:
    """The connector alone: every page fetched and parsed, nothing stored."""
    app = application.open_app(home)
    account = app.config.account(ACCOUNT)
    budget = Budget(limit=None, account=ACCOUNT)
    started = time.perf_counter()
    result = app.connector(account).poll({}, budget)
    seconds = time.perf_counter() - started
    assert result.error is None, result.error
    return {"seconds": seconds, "items": len(result.items), "units": budget.spent}


def backfill(home: Path) -> dict[str, Any]:
    """`pipeline.poll_account` on a fresh home: stored and triaged; then first views of items."""
    app = application.open_app(home)
    account = app.config.account(ACCOUNT)
    app.triager()  # loaded before the clock starts, as a running service has it
    started = time.perf_counter()
    summary = pipeline.poll_account(app, account)
    seconds = time.perf_counter() - started
    assert summary.error is None, summary.error
    figures = {"seconds": seconds, "items": summary.new_items, "units": summary.units, **stored(app)}
    app.engine.dispose()
    return figures


def stored(app: application.App, views: int = 200) -> dict[str, Any]:
    """What the database holds (items, items with a model verdict), and what a reviewer's first
    view of `views` items spread over the backfill costs: suggestions are rendered then."""
    with app.sessions() as session:
        ids = list(session.scalars(select(Item.id).order_by(Item.id)))
        figures: dict[str, Any] = {
            "stored": len(ids),
            "triaged": session.scalar(
                select(func.count(func.distinct(TriageResult.item_id))).where(TriageResult.source == "model")
            )
            or 0,
        }
        sample = ids[:: max(1, len(ids) // views)][:views]
        started = time.perf_counter()
        offered = [storage.item_record(session, i, suggest=app.suggestions).suggestions for i in sample]
        seconds = time.perf_counter() - started
    figures["viewed"] = len(sample)
    figures["viewed_with_suggestions"] = sum(1 for suggestions in offered if suggestions)
    figures["first_view_ms"] = 1000 * seconds / max(1, len(sample))
    return figures


def modbot(home: Path, *args: str, **popen: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "bot", "--home", str(home), *args], **popen)


def cli_poll(home: Path) -> dict[str, Any]:
    """`modbot poll --once` as a subprocess: wall time and its peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = modbot(home, "poll", "--once", stdout=out, stderr=err)
        peak = _watch_peak_rss_mb(process)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(
                f"modbot poll --once exited {process.returncode}: {err.read().decode()[-500:]}"
            )
        summary = out.read().decode().strip()
    return {"seconds": seconds, "peak_rss_mb": peak, "summary": summary}


def _watch_peak_rss_mb(process: subprocess.Popen[bytes]) -> float | None:
    """The child's VmHWM (peak resident set), read until it exits. Not getrusage: a child's
    ru_maxrss starts from its parent's peak (Linux carries it over fork and exec), so it would
    report this bench's own size. VmHWM belongs to the program's own memory map and only grows,
    so the last reading is the peak up to the last 20 ms before exit."""
    peak = None
    while process.poll() is None:
        peak = _peak_rss_mb(process.pid) or peak
        _pause(0.02)
    return peak


def quota(home: Path, remote: RemoteYouTube, bursts: list[int]) -> dict[str, Any]:
    """On a home that has backfilled: each burst of new comments polled, then a quiet poll."""
    app = application.open_app(home)
    account = app.config.account(ACCOUNT)
    figures: dict[str, Any] = {"bursts": []}
    for size in bursts:
        remote.call(add_comments, size, "new ")
        started = time.perf_counter()
        summary = pipeline.poll_account(app, account)
        seconds = time.perf_counter() - started
        assert summary.error is None, summary.error
        figures["bursts"].append(
            {
                "new_comments": summary.new_items,
                "units": summary.units,
                "units_per_1000": round(summary.units * 1000 / max(summary.new_items, 1), 2),
                "seconds": seconds,
            }
        )
    reads_before = remote.call(listing_reads)
    summary = pipeline.poll_account(app, account)
    reads = remote.call(listing_reads) - reads_before
    figures["quiet"] = {
        "units": summary.units,
        "listing_reads": reads,
        "units_per_listing_read": round(summary.units / max(reads, 1), 2),
    }
    app.engine.dispose()
    return figures


# --------------------------------------------------------------- crisis latency through `modbot run`
@dataclass
class Webhook:
    """A local webhook receiver: every POST's receive time and body."""

    received: list[tuple[float, str]] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)
    server: http.server.ThreadingHTTPServer | None = None

    def __enter__(self) -> Webhook:
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                at = time.time()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with hook.arrived:
                    hook.received.append((at, body.decode("utf-8", "replace")))
                    hook.arrived.notify_all()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait_after(self, index: int, timeout: float) -> tuple[int, float, str] | None:
        """The first POST at list index >= `index`, waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.received) <= index:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.arrived.wait(left)
            at, body = self.received[index]
            return index, at, body


def _pause(seconds: float) -> None:
    threading.Event().wait(seconds)  # not time.sleep: tests shorten that


def crisis_latency(
    workdir: Path,
    remote: RemoteYouTube,
    model_dir: Path,
    *,
    expected: int,
    samples: int,
    poll_every: float,
    seed: int = 12,
    startup_timeout: float = 900,
) -> dict[str, Any]:
    """`modbot run` polling the fake channel (holding `expected` comments) every `poll_every` s:
    its peak RSS through the backfill, then `samples` crisis comments to the webhook."""
    rng = random.Random(seed)
    with Webhook() as hook:
        home = make_home(workdir / "run-home", remote, model_dir, poll_every=poll_every, webhook_url=hook.url)
        engine = create_engine(f"sqlite:///{home / 'modbot.db'}")
        log = (workdir / "run.log").open("wb")
        started = time.perf_counter()
        process = modbot(home, "run", stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for_backfill(engine, process, expected, startup_timeout, workdir / "run.log")
            figures: dict[str, Any] = {
                "backfill_seconds": time.perf_counter() - started,  # with start-up and model load
                "peak_rss_mb": _peak_rss_mb(process.pid),
                "samples": [],
            }
            _pause(0.5)  # backfill alerts are out: they went with the batches that found crisis
            for sample in range(samples):
                _pause(rng.uniform(0, poll_every))  # arrive at a random point of the poll cycle
                index = len(hook.received)
                added = time.time()
                comment_id = remote.call(add_crisis, sample)
                figures["samples"].append(_await_alert(hook, engine, index, comment_id, added, poll_every))
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
            engine.dispose()
    for key in ("added_to_webhook", "stored_to_webhook"):
        values = [s[key] for s in figures["samples"]]
        figures[key] = {"median": statistics.median(values), "max": max(values)} if values else None
    return figures


def _wait_for_backfill(
    engine: Any, process: subprocess.Popen[bytes], expected: int, timeout: float, log: Path
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"modbot run exited {process.returncode}: {log.read_text()[-500:]}")
        with contextlib.suppress(Exception), engine.connect() as connection:  # the file may be busy
            total = connection.scalar(select(func.count()).select_from(Item))
            waiting = connection.scalar(select(func.count()).select_from(Item).where(Item.status == "new"))
            if total is not None and total >= expected and waiting == 0:
                return
        _pause(0.1)
    raise RuntimeError(f"modbot run did not backfill {expected} comments in {timeout} s")


def _peak_rss_mb(pid: int) -> float | None:
    """VmHWM (peak resident set) of a running process, from /proc (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _await_alert(
    hook: Webhook, engine: Any, index: int, comment_id: str, added: float, poll_every: float
) -> dict[str, Any]:
    """Wait for the webhook POST that names the item stored for `comment_id`."""
    timeout = 3 * poll_every + 30
    while (got := hook.wait_after(index, timeout)) is not None:
        index, received, body = got
        with engine.connect() as connection:
            row = connection.execute(
                select(Item.id, Item.fetched_at).where(Item.external_id == comment_id)
            ).first()
        if row is not None and f"#{row.id}" in body:
            return {
                "added_to_webhook": received - added,
                "stored_to_webhook": received - row.fetched_at.timestamp(),
            }
        index += 1
    raise RuntimeError(f"no webhook for crisis comment {comment_id} within {timeout:.0f} s")


# ------------------------------------------------------------------------------------- the run
def run(
    workdir: Path,
    *,
    comments: int,
    bursts: list[int],
    samples: int,
    poll_every: float,
    model_dir: Path,
    postgres: str | None = None,
    report: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Every phase; returns the figures (what `main` prints as JSON)."""
    import classifiers

    # Forked first, before the model and connections exist in this process.
    with RemoteYouTube() as remote, RemoteYouTube() as run_remote:
        remote.call(add_comments, comments)
        run_remote.call(add_comments, comments)
        classifiers.load_triager(model_dir)  # trained once if missing, outside every timing
        figures: dict[str, Any] = {"comments": comments, "load_average_start": os.getloadavg()}
        sqlite_home = make_home(workdir / "sqlite", remote, model_dir)
        figures["floor"] = floor(sqlite_home)
        report(f"floor: {figures['floor']['items']} comments in {figures['floor']['seconds']:.2f} s")
        figures["sqlite"] = backfill(sqlite_home)
        report(f"sqlite backfill: {figures['sqlite']['seconds']:.2f} s")
        if postgres:
            with scratch_database(postgres) as url:
                figures["postgresql"] = backfill(
                    make_home(workdir / "pg", remote, model_dir, database_url=url)
                )
            report(f"postgresql backfill: {figures['postgresql']['seconds']:.2f} s")
        cli_home = make_home(workdir / "cli", remote, model_dir)
        figures["cli"] = cli_poll(cli_home)
        figures["cli_quiet"] = cli_poll(cli_home)
        report(
            f"modbot poll --once: {figures['cli']['seconds']:.2f} s, {figures['cli']['peak_rss_mb']:.0f} MB"
        )
        figures["run"] = crisis_latency(
            workdir, run_remote, model_dir, expected=comments, samples=samples, poll_every=poll_every
        )
        report("modbot run: crisis latency measured")
        figures["quota"] = quota(sqlite_home, remote, bursts)
        figures["load_average_end"] = os.getloadavg()
    return figures


def summary_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """The printed table: (figure, value)."""
    floor_s = figures["floor"]["seconds"]
    rows = [
        ("comments in the channel", f"{figures['comments']:,}"),
        ("floor: connector fetch + parse", f"{floor_s:.2f} s ({figures['floor']['units']} units)"),
    ]
    for backend, name in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        if backend in figures:
            b = figures[backend]
            speed = f"{b['seconds']:.2f} s, {b['items'] / b['seconds']:,.0f} items/s"
            rows.append((f"backfill, {name} (poll_account)", f"{speed}, {b['seconds'] / floor_s:.1f}x floor"))
            rows.append(("  stored / triaged", f"{b['stored']:,} / {b['triaged']:,}"))
            viewed = f"{b['viewed_with_suggestions']} of {b['viewed']}, {b['first_view_ms']:.1f} ms each"
            rows.append(("  first view: suggestions ready", viewed))
    if "postgresql" in figures:
        rows.append(
            (
                "  PostgreSQL / SQLite",
                f"{figures['postgresql']['seconds'] / figures['sqlite']['seconds']:.2f}x",
            )
        )
    for key, label in (
        ("cli", "modbot poll --once (subprocess)"),
        ("cli_quiet", "  again, quiet (start-up cost)"),
    ):
        rows.append(
            (label, f"{figures[key]['seconds']:.2f} s, peak RSS {figures[key]['peak_rss_mb']:.0f} MB")
        )
    backfill = figures["sqlite"]
    per_1000 = backfill["units"] * 1000 / max(backfill["items"], 1)
    rows.append(("quota: backfill", f"{backfill['units']} units, {per_1000:.1f} per 1,000"))
    for burst in figures["quota"]["bursts"]:
        units = f"{burst['units']} units, {burst['units_per_1000']} per 1,000 ({burst['seconds']:.2f} s)"
        rows.append((f"quota: burst of {burst['new_comments']:,} new", units))
    quiet = figures["quota"]["quiet"]
    reads = f"{quiet['listing_reads']} listing reads, {quiet['units_per_listing_read']} per read"
    rows.append(("quota: quiet poll", f"{quiet['units']} units, {reads}"))
    run = figures["run"]
    rss = f"{run['peak_rss_mb']:.0f} MB" if run["peak_rss_mb"] is not None else "n/a"
    rows.append(("modbot run: peak RSS after backfill", f"{rss} (backfill {run['backfill_seconds']:.1f} s)"))
    for key, label in (
        ("added_to_webhook", "crisis: comment added -> webhook"),
        ("stored_to_webhook", "crisis: item stored -> webhook"),
    ):
        if run[key]:
            values = ", ".join(f"{sample[key]:.2f}" for sample in run["samples"])
            rows.append((label, f"median {run[key]['median']:.2f} s, max {run[key]['max']:.2f} s ({values})"))
    load = f"{figures['load_average_start'][0]:.1f} / {figures['load_average_end'][0]:.1f}"
    rows.append(("load average (1 min) start / end", f"{load} on {os.cpu_count()} cores"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=10_000, help="comments in the channel to backfill")
    parser.add_argument("--bursts", default="1000,10000", help="sizes of the new-comment bursts")
    parser.add_argument("--samples", type=int, default=5, help="crisis comments timed through modbot run")
    parser.add_argument("--poll-every", type=float, default=3.0, help="modbot run's poll interval (s)")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("MODBOT_TEST_POSTGRES_URL"),
        help="PostgreSQL server URL (a database is created and dropped)",
    )
    parser.add_argument("--model-dir", type=Path, help="triage model directory")
    args = parser.parse_args(argv)
    # The in-process homes have no alert channel: their crisis alerts would go to the log.
    logging.getLogger("bot.alerts").setLevel(logging.ERROR)
    bursts = [int(size) for size in args.bursts.split(",") if size.strip()]
    model_dir = args.model_dir or user_model_dir()
    with tempfile.TemporaryDirectory(prefix="modbot-ingest-") as tmp:
        figures = run(
            Path(tmp),
            comments=args.comments,
            bursts=bursts,
            samples=args.samples,
            poll_every=args.poll_every,
            model_dir=model_dir,
            postgres=args.postgres,
            report=lambda line: print(line, file=sys.stderr, flush=True),
        )
    rows = summary_rows(figures)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(json.dumps(figures, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
