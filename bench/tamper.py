"""Tamper fuzzing: random tamperings of a copy of a realistic home, each judged from outside.

A realistic home is built once: a YouTube channel on the fake server (tests/fakes), comments
polled and triaged by the real pipeline, items opened, approved (some with edited text), rejected
and escalated by three users, replies posted through the real google-api-python-client, one item
erased (redaction events), a few approvals left unposted, and the signed checkpoints every commit
wrote. Then N times: copy the home, apply ONE random tampering with plain `sqlite3` as someone
with the files but not the key would (dropping the append-only triggers first, or not), and judge:

- refused:  the database refused the change (the triggers), or the poster refused to send text
            that differs from its approval;
- detected: `audit verify` (bot.audit.verify, what `modbot audit verify` prints) names a problem;
- MISSED:   the log or the outbox was changed and verify says intact, or altered text was posted.

Kinds (the family before the dot): edit.<column> (every column of a random row), delete.one /
.several / .tail / .all, reorder (swap two rows' ids), insert.append / .middle (random fields or a
neighbour's copy, hashed with plain SHA-256 or a guessed key, the next link repaired or not),
redact.forged (the one UPDATE the triggers allow, with a made-up digest), rechain.wrong_key /
.sha256 / .from_edit (recompute the chain without the key), truncate.rechain, checkpoint.drop_last /
.edit_count / .forge_line / .delete, outbox.text / .text_and_approval / .forged_row.

Before the run, controls prove the forger is faithful: the same code with the REAL key produces
rows that verify (so a detection is the key's doing, not a bug in the forger).

Usage: .venv/bin/python bench/tamper.py [--n 1000] [--seed 11]
Prints a table per kind and one JSON line; exits 1 on any MISSED. tests/test_tamper_fuzz.py runs it
at CI scale.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from bot import approval, audit, erasure, outbox, pipeline, users  # noqa: E402
from bot.app import App, init_home, open_app  # noqa: E402
from bot.errors import ModbotError  # noqa: E402
from bot.models import Item, OutboxRow  # noqa: E402
from bot.secrets import SecretStore  # noqa: E402
from tests.fakes.youtube import FakeYouTube  # noqa: E402

OWNER, ASSISTANT, AUDITOR = "olivia", "ash", "audrey"
COLUMNS = ("id", "at", "actor", "action", "item_id", "data", "prev_hash", "hash")
TRIGGERS = ("audit_events_no_update", "audit_events_no_delete")
AT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores datetimes in SQLite
DROP_TRIGGERS = 0.8  # how often the attacker drops the triggers first
MARKER = "visit tamper.example for the real story"  # in every altered reply text

COMMENTS = [
    "Thank you for this video, it helped me understand my anxiety a lot.",
    "Great explanation of cognitive distortions!",
    "How do I know if I should see a therapist for my panic attacks?",
    "Can you tell me whether I should stop taking my medication?",
    "This is the best channel on mental health, thanks so much.",
    "My partner yells at me every night, what should I do?",
    "Love the calm voice, subscribed.",
    "Is it normal to feel numb after a breakup?",
    "The audio is a bit quiet in the second half.",
    "Please make a video on sleep and anxiety.",
    "I disagree with the part about journaling, it never worked for me.",
    "Thanks for the resources in the description.",
    "Do you take new clients in Ohio?",
    "This made me cry in a good way, thank you.",
    "What book would you recommend on boundaries?",
    "Ha, the cat in the background stole the show.",
    "My teenager refuses to talk to me, any advice?",
    "Very clear, sharing with my study group.",
    "Could you add subtitles in Spanish?",
    "Wonderful, thank you for all you do.",
    "I've been feeling hopeless for weeks and don't see the point anymore.",
    "Great tips for grounding, I used the 5-4-3-2-1 one today.",
    "How long does CBT usually take to work?",
    "Thank you! Your videos are a gift.",
]


# -------------------------------------------------------------------------------- the realistic home
def build_home(home: Path, server: FakeYouTube, seed: int = 0) -> dict[str, int]:
    """A channel's home after some days of work; returns counts (events, checkpoints, pending)."""
    rng = random.Random(seed)
    home.mkdir(parents=True, mode=0o700)
    (home / "modbot.toml").write_text(server.config_toml("channel"), encoding="utf-8")
    app = init_home(home)
    app.secrets.write_json("channel", server.secrets())
    with app.sessions.begin() as session:
        users.add_user(session, OWNER, "owner", None)
        users.add_user(session, ASSISTANT, "assistant", None)
        users.add_user(session, AUDITOR, "auditor", None)
    account = app.config.account("channel")
    video = server.add_video(title="Understanding anxiety")
    posted_batches = 0
    for batch in range(3):  # three days: poll, review, post
        for n, comment in enumerate(COMMENTS[batch * 8 : (batch + 1) * 8]):
            server.add_comment(video, comment, author=f"viewer{batch}{n}")
        pipeline.poll_account(app, account)
        _review(app, rng)
        outbox.post_once(app)
        posted_batches += 1
    with app.reads() as session:  # one data-protection request: an item with a posted reply
        erased = session.scalar(
            select(OutboxRow.item_id).where(OutboxRow.status == "posted").order_by(OutboxRow.id)
        )
    assert erased is not None
    erasure.erase(app, [erased], actor=OWNER, reason="data-protection request")
    server.add_comment(video, "Thank you for this, really helpful.", author="late1")
    server.add_comment(video, "Could you talk about burnout next?", author="late2")
    server.add_comment(video, "Thanks for making this free.", author="late3")
    pipeline.poll_account(app, account)
    _review(app, rng, reject=False)  # approved, not posted yet: the outbox tamperings' targets
    with app.reads() as session:
        pending = len(list(session.scalars(select(OutboxRow.id).where(OutboxRow.status == "pending"))))
        events = len(list(audit.events(session)))
        result = audit.verify(session, audit.trail_of(app.sessions))
    assert result.ok, result.problem
    assert pending >= 2, "the home needs approved, unposted replies"
    app.engine.dispose()
    _settle(home)
    lines = (home / audit.CHECKPOINT_FILE).read_text().splitlines()
    return {"events": events, "checkpoints": len(lines), "pending": pending, "posted_batches": posted_batches}


def _review(app: App, rng: random.Random, *, reject: bool = True) -> None:
    with app.reads() as session:
        open_items = list(
            session.execute(
                select(Item.id, Item.category).where(Item.status == "suggested").order_by(Item.id)
            )
        )
    for item_id, category in open_items:
        reviewer = OWNER if category in ("crisis", "client") else ASSISTANT
        approval.open_item(app, item_id, reviewer, revealed=True)
        choice = rng.random()
        try:
            if reject and choice < 0.15:
                approval.reject(app, item_id, reviewer, note="not needed")
            elif reject and choice < 0.25 and reviewer == ASSISTANT:
                approval.escalate(app, item_id, reviewer, note="please look")
            elif choice < 0.45:
                approval.approve(
                    app,
                    item_id,
                    reviewer,
                    text=f"Thank you so much for watching and for your kind words ({item_id}).",
                )
            else:
                approval.approve(app, item_id, reviewer)
        except ModbotError:  # a guard refusal or a role rule: a reviewer would do something else
            approval.dismiss(app, item_id, OWNER, note="no reply")


def _settle(home: Path) -> None:
    """Fold the WAL into the database file, so a copy of the home is one consistent file set."""
    with sqlite3.connect(home / "modbot.db") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


# ----------------------------------------------------------------------------------- the attacker
@dataclass
class Attack:
    """One tampering under way on a copy: the raw database and the checkpoint file."""

    home: Path
    rng: random.Random
    db: sqlite3.Connection
    dropped: bool = False
    note: str = ""

    @property
    def log(self) -> Path:
        return self.home / audit.CHECKPOINT_FILE

    def drop_triggers(self) -> None:
        for name in TRIGGERS:
            self.db.execute(f"DROP TRIGGER IF EXISTS {name}")
        self.dropped = True

    def maybe_drop(self) -> None:
        if self.rng.random() < DROP_TRIGGERS:
            self.drop_triggers()

    def rows(self) -> list[dict[str, Any]]:
        cursor = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM audit_events ORDER BY id")
        return [dict(zip(COLUMNS, row, strict=True)) for row in cursor]

    def insert(self, row: dict[str, Any]) -> None:
        self.db.execute(
            f"INSERT INTO audit_events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 8)})",
            [row[column] for column in COLUMNS],
        )

    def set(self, row_id: int, **values: Any) -> None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(f"UPDATE audit_events SET {assignments} WHERE id = ?", [*values.values(), row_id])


def _attack(home: Path, rng: random.Random) -> Attack:
    """The raw database in autocommit: each statement stands on its own, as with the sqlite3 shell."""
    return Attack(home, rng, sqlite3.connect(home / "modbot.db", isolation_level=None))


def _at(raw: str) -> datetime:
    return (
        datetime.strptime(raw, AT_FORMAT).replace(tzinfo=UTC)
        if "." in raw
        else datetime.strptime(raw, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    )


def _guessed_trail(attack: Attack, key: bytes | None = None) -> audit.Trail:
    """An HMAC trail under a key the attacker made up (or, for the controls, the real one)."""
    folder = Path(tempfile.mkdtemp(prefix="attacker-", dir=attack.home.parent))
    store = SecretStore(folder)
    if key is not None:
        store.write_bytes(f"{audit.KEY_NAME}.key", key)
    return audit.Trail(store, folder / "none.log")


def _digest(scheme: str, trail: audit.Trail, row: dict[str, Any]) -> str:
    """The hash an attacker can compute for a row: plain SHA-256 (the pre-key format) or an HMAC."""
    data = json.loads(row["data"]) if isinstance(row["data"], str) else row["data"]
    if scheme == "sha256":
        return audit._legacy_digest(
            row["prev_hash"], _at(row["at"]), row["actor"], row["action"], row["item_id"], data
        )
    return trail.event_hash(
        row["prev_hash"], _at(row["at"]), row["actor"], row["action"], row["item_id"], data
    )


def _rechain(attack: Attack, rows: list[dict[str, Any]], start: int, scheme: str, trail: audit.Trail) -> None:
    """Recompute prev_hash and hash of rows[start:] (the rows as they now stand)."""
    prev = rows[start - 1]["hash"] if start else audit.GENESIS
    for row in rows[start:]:
        row["prev_hash"] = prev
        row["hash"] = _digest(scheme, trail, row)
        attack.set(row["id"], prev_hash=row["prev_hash"], hash=row["hash"])
        prev = row["hash"]


def _pick(rng: random.Random, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return rows[rng.randrange(len(rows))]


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(256):064x}"


def _changed_value(attack: Attack, rows: list[dict[str, Any]], row: dict[str, Any], column: str) -> Any:
    rng = attack.rng
    old = row[column]
    for _ in range(50):
        if column == "id":  # the first row lower or the last higher keeps the order
            taken = {r["id"] for r in rows}
            new: Any = (
                old - rng.randint(1, 50)
                if old == min(taken) and rng.random() < 0.8
                else old + rng.randint(1, 50)
                if old == max(taken) and rng.random() < 0.8
                else rng.choice(
                    [
                        max(taken) + rng.randint(1, 50),
                        min(taken) - rng.randint(1, 50),
                        rng.randint(1, max(taken) + 10),
                    ]
                )
            )
            if new in taken:
                continue
        elif column == "at":
            delta = timedelta(microseconds=rng.choice([1, 1000, 10**6, 3600 * 10**6, 86400 * 10**6]))
            new = (_at(old) + rng.choice([-1, 1]) * delta).strftime(AT_FORMAT)
        elif column == "actor":
            new = rng.choice([OWNER, ASSISTANT, AUDITOR, "poster", "system", "mallory"])
        elif column == "action":
            new = rng.choice(["approve", "reject", "escalate", "view", "post.result", "erase", "redact"])
        elif column == "item_id":
            new = rng.choice([None, rng.randint(1, 40)])
        elif column == "data":
            new = json.dumps(_edited_data(rng, json.loads(old)))
        elif column in ("prev_hash", "hash"):
            flipped = old[:-1] + ("0" if old[-1] != "0" else "1")
            new = rng.choice([_hex(rng), _pick(rng, rows)[column], flipped])
        if new != old:
            return new
    raise RuntimeError(f"no new value for {column}")


def _edited_data(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    edited = dict(data)
    how = rng.choice(["change", "add", "remove"]) if data else "add"
    if how == "change":
        key = rng.choice(sorted(data))
        edited[key] = rng.choice([None, "changed", 0, 1, True, [], f"{data[key]}!"])
    elif how == "add":
        edited[rng.choice(["note", "text", "extra", "status"])] = "added by someone"
    else:
        del edited[rng.choice(sorted(data))]
    return edited if edited != data else {**data, "tampered": True}


# Each tampering changes the copy and returns a short note; an UPDATE or DELETE the triggers
# refuse raises sqlite3.IntegrityError, which is judged "refused".
def edit(column: str) -> Callable[[Attack], None]:
    def run(attack: Attack) -> None:
        attack.maybe_drop()
        rows = attack.rows()
        row = _pick(attack.rng, rows)
        if column == "id" and attack.rng.random() < 0.4:  # the ends, where a new id keeps the order
            row = rows[attack.rng.choice([0, -1])]
        attack.set(row["id"], **{column: _changed_value(attack, rows, row, column)})
        attack.note = f"row #{row['id']} of {len(rows)}"

    return run


def delete(how: str) -> Callable[[Attack], None]:
    def run(attack: Attack) -> None:
        attack.maybe_drop()
        ids = [row["id"] for row in attack.rows()]
        rng = attack.rng
        if how == "one":
            gone = [rng.choice(ids)]
        elif how == "several":
            gone = rng.sample(ids, rng.randint(2, min(20, len(ids) - 1)))
        elif how == "tail":
            gone = ids[-rng.choice([1, 2, 5, rng.randint(1, len(ids) - 1)]) :]
        else:
            gone = ids
        attack.db.executemany("DELETE FROM audit_events WHERE id = ?", [(i,) for i in gone])
        attack.note = f"{len(gone)} of {len(ids)} rows"

    return run


def reorder(attack: Attack) -> None:
    attack.maybe_drop()
    ids = [row["id"] for row in attack.rows()]
    first, second = sorted(attack.rng.sample(ids, 2))
    attack.set(first, id=-1)
    attack.set(second, id=first)
    attack.set(-1, id=second)
    attack.note = f"#{first} <-> #{second}"


def insert(where: str) -> Callable[[Attack], None]:
    def run(attack: Attack) -> None:
        rng = attack.rng
        if where == "middle":
            attack.maybe_drop()
        rows = attack.rows()
        position = len(rows) if where == "append" else rng.randrange(len(rows))
        neighbour = rows[position - 1] if position else rows[0]
        if rng.random() < 0.5:  # a copy of the neighbour, a detail changed
            forged = dict(neighbour, data=json.dumps(_edited_data(rng, json.loads(neighbour["data"]))))
        else:
            later = _at(neighbour["at"]) + timedelta(seconds=rng.randint(0, 60))
            forged = {
                "at": later.strftime(AT_FORMAT),
                "actor": rng.choice([OWNER, ASSISTANT, "mallory"]),
                "action": rng.choice(["approve", "reject", "view", "post.result"]),
                "item_id": rng.randint(1, 30),
                "data": json.dumps({"text": "a forged decision", "outbox_id": rng.randint(1, 30)}),
            }
        forged["prev_hash"] = rows[position - 1]["hash"] if position else audit.GENESIS
        scheme = rng.choice(["sha256", "guessed key"])
        trail = _guessed_trail(attack)
        forged["hash"] = _digest(scheme, trail, forged)
        if where == "middle":  # make room: every later id moves up by one
            attack.db.execute("UPDATE audit_events SET id = -id - 1 WHERE id >= ?", [rows[position]["id"]])
            attack.db.execute("UPDATE audit_events SET id = -id WHERE id < 0")
        forged["id"] = rows[position]["id"] if where == "middle" else rows[-1]["id"] + 1
        attack.insert(forged)
        repaired = ""
        if where == "middle" and rng.random() < 0.5:  # repair the next link and rehash the rest
            if not attack.dropped:
                attack.drop_triggers()
            now = attack.rows()
            _rechain(attack, now, position + 1, scheme, trail)
            repaired = ", rest rehashed"
        attack.note = f"at position {position} of {len(rows)}, {scheme}{repaired}"

    return run


def redact_forged(attack: Attack) -> None:
    """The one UPDATE the triggers let through, with a digest made up without the key."""
    row = _pick(attack.rng, [r for r in attack.rows() if '"redacted"' not in r["data"]])
    attack.set(row["id"], data=json.dumps({"redacted": True, "data_digest": _hex(attack.rng)}))
    attack.note = f"row #{row['id']}"


def rechain(how: str) -> Callable[[Attack], None]:
    def run(attack: Attack) -> None:
        attack.drop_triggers()  # every rehash is an UPDATE
        rows = attack.rows()
        rng = attack.rng
        start = 0
        if how == "from_edit":  # change one row, then rehash from there on
            start = rng.randrange(len(rows))
            column = rng.choice(["actor", "action", "item_id", "data", "at"])
            rows[start][column] = _changed_value(attack, rows, rows[start], column)
            attack.set(rows[start]["id"], **{column: rows[start][column]})
        elif rng.random() < 0.5:  # the whole chain, after changing one detail somewhere
            target = _pick(rng, rows)
            target["actor"] = "mallory"
            attack.set(target["id"], actor="mallory")
        scheme = "sha256" if how == "sha256" else "guessed key"
        _rechain(attack, rows, start, scheme, _guessed_trail(attack))
        attack.note = f"from row {start} of {len(rows)}"

    return run


def truncate_rechain(attack: Attack) -> None:
    attack.drop_triggers()
    rows = attack.rows()
    keep = attack.rng.randint(1, len(rows) - 1)
    attack.db.execute("DELETE FROM audit_events WHERE id > ?", [rows[keep - 1]["id"]])
    _rechain(
        attack,
        rows[:keep],
        attack.rng.randint(0, keep - 1),
        attack.rng.choice(["sha256", "guessed key"]),
        _guessed_trail(attack),
    )
    attack.note = f"kept {keep} of {len(rows)}"


def checkpoint(how: str) -> Callable[[Attack], None]:
    def run(attack: Attack) -> None:
        lines = attack.log.read_text(encoding="utf-8").splitlines(keepends=True)
        rng = attack.rng
        if how == "delete":
            attack.log.unlink()
        elif how == "drop_last":
            attack.log.write_text("".join(lines[:-1]), encoding="utf-8")
        elif how == "edit_count":
            number = rng.randrange(len(lines))
            raw = json.loads(lines[number])
            raw["count"] += rng.choice([-3, -1, 1, 5])
            lines[number] = json.dumps(raw) + "\n"
            attack.log.write_text("".join(lines), encoding="utf-8")
            attack.note = f"line {number + 1} of {len(lines)}"
        else:  # a forged line for the state the attacker wants to be true
            raw = json.loads(lines[-1])
            raw.update(
                count=raw["count"] - rng.randint(1, 5),
                head=_hex(rng),
                sig=rng.choice([_hex(rng), raw["sig"]]),
            )
            with attack.log.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(raw) + "\n")

    return run


def outbox_text(how: str) -> Callable[[Attack], None]:
    """Change what an approved, unposted reply will say (the outbox has no triggers)."""

    def run(attack: Attack) -> None:
        rng = attack.rng
        rows = list(
            attack.db.execute(
                "SELECT id, item_id, text FROM outbox WHERE status = 'pending' "
                "AND action = 'reply' ORDER BY id"
            )
        )
        row_id, item_id, old = rng.choice(rows)
        new = rng.choice(
            [
                f"{old} {MARKER}",
                MARKER,
                old.replace(".", f" - {MARKER}.", 1) if "." in old else f"{MARKER} {old}",
            ]
        )
        if how == "forged_row":  # a new decision and reply row, with an approval event forged to match
            now = datetime.now(UTC).strftime(AT_FORMAT)
            decision = attack.db.execute(
                "INSERT INTO decisions (item_id, user_id, action, text, created_at) "
                "SELECT ?, id, 'approve', ?, ? FROM users WHERE name = ?",
                [item_id, new, now, OWNER],
            ).lastrowid
            forged_id = attack.db.execute(
                "INSERT INTO outbox (decision_id, item_id, action, text, status, attempts, created_at) "
                "VALUES (?, ?, 'reply', ?, 'pending', 0, ?)",
                [decision, item_id, new, now],
            ).lastrowid
            _forge_approval(attack, item_id, forged_id, new)
            attack.note = f"outbox #{forged_id} for item {item_id}"
            return
        attack.db.execute("UPDATE outbox SET text = ? WHERE id = ?", [new, row_id])
        attack.note = f"outbox #{row_id}"
        if how == "text_and_approval":  # and the approval's recorded hash and text to match
            attack.maybe_drop()
            event_id, raw = attack.db.execute(
                "SELECT id, data FROM audit_events WHERE item_id = ? AND action = 'approve' "
                "ORDER BY id LIMIT 1",
                [item_id],
            ).fetchone()
            data = json.loads(raw)
            data.update(text=new, text_sha256=outbox.text_hash(new))
            attack.set(event_id, data=json.dumps(data))

    return run


def _forge_approval(attack: Attack, item_id: int, outbox_id: int | None, text: str) -> None:
    """Append an `approve` event naming the row, hashed without the key (appending is allowed)."""
    last = attack.rows()[-1]
    forged = {
        "id": last["id"] + 1,
        "at": datetime.now(UTC).strftime(AT_FORMAT),
        "actor": OWNER,
        "action": "approve",
        "item_id": item_id,
        "data": json.dumps(
            {
                "outbox_id": outbox_id,
                "text": text,
                "text_sha256": outbox.text_hash(text),
                "from": "suggested",
                "to": "approved",
            }
        ),
        "prev_hash": last["hash"],
    }
    forged["hash"] = _digest(attack.rng.choice(["sha256", "guessed key"]), _guessed_trail(attack), forged)
    attack.insert(forged)


KINDS: dict[str, Callable[[Attack], None]] = {
    **{f"edit.{column}": edit(column) for column in COLUMNS},
    **{f"delete.{how}": delete(how) for how in ("one", "several", "tail", "all")},
    "reorder": reorder,
    "insert.append": insert("append"),
    "insert.middle": insert("middle"),
    "redact.forged": redact_forged,
    "rechain.wrong_key": rechain("wrong_key"),
    "rechain.sha256": rechain("sha256"),
    "rechain.from_edit": rechain("from_edit"),
    "truncate.rechain": truncate_rechain,
    **{f"checkpoint.{how}": checkpoint(how) for how in ("drop_last", "edit_count", "forge_line", "delete")},
    **{f"outbox.{how}": outbox_text(how) for how in ("text", "text_and_approval", "forged_row")},
}


# ------------------------------------------------------------------------------------ judging
@dataclass
class Trial:
    kind: str
    outcome: str  # refused | detected | intact | MISSED
    says: str = ""  # what verify (or the poster) said
    note: str = ""
    dropped: bool = False


def _state(home: Path) -> tuple[str, str]:
    """What an auditor relies on: every audit row, and the checkpoint file."""
    with sqlite3.connect(home / "modbot.db") as connection:
        rows = repr(list(connection.execute(f"SELECT {', '.join(COLUMNS)} FROM audit_events ORDER BY id")))
    connection.close()
    log = home / audit.CHECKPOINT_FILE
    return rows, log.read_text(encoding="utf-8") if log.exists() else "<missing>"


def _verify(home: Path) -> audit.Verification:
    app = open_app(home)
    try:
        with app.reads() as session:
            return audit.verify(session, audit.trail_of(app.sessions))
    finally:
        app.engine.dispose()


def _said(result: audit.Verification) -> str:
    if result.ok:
        return f"intact: {result.checked} events"
    where = f"at event #{result.broken_id}" if result.broken_id is not None else "(checkpoint)"
    return f"BROKEN {where}: {result.problem}"


def trial(
    base: Path, workdir: Path, server: FakeYouTube, rng: random.Random, kind: str, number: int
) -> Trial:
    home = workdir / f"t{number}"
    shutil.copytree(base, home)
    before = _state(home)
    attack = _attack(home, rng)
    refused, refusal = False, ""
    try:
        KINDS[kind](attack)
    except sqlite3.IntegrityError as exc:  # the triggers, or a UNIQUE constraint (hash)
        refused, refusal = True, str(exc)
    finally:
        attack.db.close()
    result = Trial(kind, "", note=attack.note, dropped=attack.dropped)
    if kind.startswith("outbox."):
        _judge_post(home, server, result)
    if result.outcome:
        pass
    elif refused and _state(home)[0] == before[0]:
        result.outcome, result.says = "refused", f"the database refused it: {refusal}"
    else:
        if _state(home) == before:
            raise RuntimeError(f"{kind}: the tampering changed nothing ({attack.note})")
        verdict = _verify(home)
        result.says = _said(verdict)
        if not verdict.ok:
            result.outcome = "detected"
        elif (
            kind == "checkpoint.drop_last"
            and verdict.checkpoint is not None
            and verdict.checked > verdict.checkpoint.count
        ):
            # Nothing in the log changed: verify is right that it is intact, and it can see that
            # the newest events are no longer covered by a signed checkpoint.
            result.outcome = "intact"
            uncovered = verdict.checked - verdict.checkpoint.count
            result.says += f" (the newest {uncovered} after the newest checkpoint)"
        else:
            result.outcome = "MISSED"
    shutil.rmtree(home)
    return result


def _judge_post(home: Path, server: FakeYouTube, result: Trial) -> None:
    """Run the poster on the tampered copy: the altered text must never reach the platform."""
    already = {reply.id for reply in server.replies_posted}
    app = open_app(home)
    try:
        summary = outbox.post_once(app)
    finally:
        app.engine.dispose()
    sent = [reply for reply in server.replies_posted if reply.id not in already and MARKER in reply.text]
    if sent:
        verdict = _verify(home)
        result.outcome = "MISSED"
        result.says = f"POSTED the altered text; verify afterwards: {_said(verdict)}"
    elif summary.refused:
        result.outcome = "refused"
        result.says = next((line for line in summary.lines if "REFUSED" in line), "refused")


# ------------------------------------------------------------------------------------ controls
def controls(base: Path, workdir: Path) -> list[str]:
    """The forger with the REAL key must produce rows verify accepts; returns failures."""
    problems = []
    for name in ("rechain whole chain", "append a forged event"):
        home = workdir / f"control-{name.replace(' ', '-')}"
        shutil.copytree(base, home)
        key = (home / "secrets" / f"{audit.KEY_NAME}.key").read_bytes()
        attack = _attack(home, random.Random(0))
        trail = _guessed_trail(attack, key)
        if name.startswith("rechain"):
            attack.drop_triggers()
            rows = attack.rows()
            _rechain(attack, rows, 0, "key", trail)
        else:
            last = attack.rows()[-1]
            forged = {
                "id": last["id"] + 1,
                "at": datetime.now(UTC).strftime(AT_FORMAT),
                "actor": OWNER,
                "action": "view",
                "item_id": None,
                "data": json.dumps({"n": 1}),
                "prev_hash": last["hash"],
            }
            forged["hash"] = _digest("key", trail, forged)
            attack.insert(forged)
        attack.db.close()
        verdict = _verify(home)
        if not verdict.ok:
            problems.append(f"control '{name}' with the real key: {_said(verdict)}")
        shutil.rmtree(home)
    return problems


# ------------------------------------------------------------------------------------ limits
def _truncate_to(attack: Attack, count: int) -> None:
    attack.drop_triggers()
    rows = attack.rows()
    attack.db.execute("DELETE FROM audit_events WHERE id > ?", [rows[count - 1]["id"]])


def _behind_the_newest_checkpoints(attack: Attack) -> None:
    """Drop the newest checkpoint lines back to an older count, and delete the events after it."""
    lines = attack.log.read_text(encoding="utf-8").splitlines(keepends=True)
    keep = len(lines) - 5
    attack.log.write_text("".join(lines[:keep]), encoding="utf-8")
    _truncate_to(attack, json.loads(lines[keep - 1])["count"])


def _no_file_and_truncated(attack: Attack) -> None:
    attack.log.unlink()
    _truncate_to(attack, len(attack.rows()) - 5)


def _no_file_and_rewritten_unkeyed(attack: Attack) -> None:
    attack.log.unlink()
    attack.drop_triggers()
    rows = attack.rows()
    for row in rows:  # a redaction stub cannot be unkeyed: give those rows made-up data
        if '"redacted"' in row["data"]:
            row["data"] = json.dumps({"note": "made up"})
            attack.set(row["id"], data=row["data"])
    attack.set(rows[len(rows) // 2]["id"], actor="mallory")
    rows[len(rows) // 2]["actor"] = "mallory"
    _rechain(attack, rows, 0, "sha256", _guessed_trail(attack))


LIMITS: dict[str, Callable[[Attack], None]] = {
    "checkpoint file deleted + newest 5 events deleted": _no_file_and_truncated,
    "newest 5 checkpoint lines dropped + events truncated to match": _behind_the_newest_checkpoints,
    "checkpoint file deleted + whole chain rewritten as plain SHA-256": _no_file_and_rewritten_unkeyed,
}


def limits(base: Path, workdir: Path) -> dict[str, str]:
    """Two changes at once, to the database AND the checkpoint file: what verify says (see the
    README's "What it does not prove"). Not counted with the single tamperings."""
    said = {}
    for number, (name, tampering) in enumerate(LIMITS.items()):
        home = workdir / f"limit-{number}"
        shutil.copytree(base, home)
        attack = _attack(home, random.Random(number))
        tampering(attack)
        attack.db.close()
        verdict = _verify(home)
        said[name] = _said(verdict) + (
            f", {verdict.legacy} from before the chain was keyed" if verdict.ok and verdict.legacy else ""
        )
        shutil.rmtree(home)
    return said


# ------------------------------------------------------------------------------------ the run
@dataclass
class Report:
    n: int
    seed: int
    home: dict[str, int] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: dict[str, str] = field(default_factory=dict)
    missed: list[Trial] = field(default_factory=list)
    dropped: int = 0
    controls: list[str] = field(default_factory=list)
    limits: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def table(self) -> str:
        lines = [
            f"{'kind':<26} {'runs':>5} {'refused':>8} {'detected':>9} {'intact':>7} {'MISSED':>7}  "
            "what verify or the poster said (first case)"
        ]
        for kind in KINDS:
            counts = self.counts.get(kind, Counter())
            lines.append(
                f"{kind:<26} {sum(counts.values()):>5} {counts['refused']:>8} "
                f"{counts['detected']:>9} {counts['intact']:>7} {counts['MISSED']:>7}  "
                f"{self.examples.get(kind, '')[:110]}"
            )
        lines.append(
            f"{'all':<26} {self.n:>5} {self.total('refused'):>8} {self.total('detected'):>9} "
            f"{self.total('intact'):>7} {self.total('MISSED'):>7}"
        )
        return "\n".join(lines)

    def summary(self) -> dict[str, Any]:
        return {
            "bench": "tamper",
            "n": self.n,
            "seed": self.seed,
            "kinds": len(self.counts),
            "refused": self.total("refused"),
            "detected": self.total("detected"),
            "intact": self.total("intact"),
            "missed": self.total("MISSED"),
            "triggers_dropped": self.dropped,
            "controls_failed": len(self.controls),
            "home": self.home,
            "seconds": round(self.seconds, 1),
            "limits": self.limits,
            "per_kind": {kind: dict(counts) for kind, counts in sorted(self.counts.items())},
        }


def run(n: int = 1000, seed: int = 11, workdir: Path | None = None) -> Report:
    """Build the home, run the controls, then `n` tamperings (every kind at least once if n allows)."""
    began = time.monotonic()
    report = Report(n, seed)
    rng = random.Random(seed)
    with (
        tempfile.TemporaryDirectory(prefix="modbot-tamper-", dir=workdir) as tmp,
        FakeYouTube(quota_limit=10_000_000) as server,
    ):
        root = Path(tmp)
        base = root / "base"
        report.home = build_home(base, server, seed)
        report.controls = controls(base, root)
        report.limits = limits(base, root)
        kinds = list(KINDS)
        order = rng.sample(kinds, min(n, len(kinds))) + [rng.choice(kinds) for _ in range(n - len(kinds))]
        rng.shuffle(order)
        for number, kind in enumerate(order):
            result = trial(base, root, server, random.Random(rng.getrandbits(64)), kind, number)
            report.counts[kind][result.outcome] += 1
            report.dropped += result.dropped
            report.examples.setdefault(kind, result.says)
            if result.outcome == "MISSED":
                report.missed.append(result)
    report.seconds = time.monotonic() - began
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="how many tamperings (default 1000)")
    parser.add_argument("--seed", type=int, default=11, help="random seed (default 11)")
    args = parser.parse_args(argv)
    if args.n < 1:
        print("error: --n must be at least 1", file=sys.stderr)
        return 2
    logging.disable(logging.ERROR)  # the poster's refusals and alerts are judged, not printed
    try:
        report = run(args.n, args.seed)
    finally:
        logging.disable(logging.NOTSET)
    home = report.home
    print(
        f"home: {home['events']} audit events, {home['checkpoints']} signed checkpoints, "
        f"{home['pending']} approved replies not yet posted; triggers dropped first in "
        f"{report.dropped} of {report.n} tamperings"
    )
    for problem in report.controls:
        print(f"CONTROL FAILED: {problem}")
    print(report.table())
    for missed in report.missed[:20]:
        print(f"MISSED {missed.kind} ({missed.note}): {missed.says}")
    print(f"{report.n} tamperings in {report.seconds:.0f} s")
    print("limits (two changes at once, database and checkpoint file; not counted above):")
    for name, said in report.limits.items():
        print(f"  {name}: {said}")
    print(json.dumps(report.summary()))
    return 1 if report.missed or report.controls else 0


if __name__ == "__main__":
    raise SystemExit(main())
