"""`modbot backup` / `modbot restore`: a consistent copy taken while posting is in flight restores
into a home where `audit verify` passes, the counts match, and the poster finishes every approval
with exactly one reply (the real YouTube client against the fake server)."""

from __future__ import annotations

import json
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections import Counter
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot import approval, backup, users
from bot.app import App, init_home, open_app
from bot.cli import cli
from bot.models import Item, OutboxRow
from bot.secrets import SecretStore
from tests.fakes.youtube import FakeYouTube, _handler
from tests.test_approval_support import ASSISTANT, add_item, workflow_app

APPROVALS = 8


class SlowYouTube(FakeYouTube):
    """The fake YouTube whose replies take `post_delay` seconds to arrive (a slow network)."""

    post_delay = 0.5

    def start(self) -> SlowYouTube:
        fake = self

        class Slow(_handler(self)):  # type: ignore[misc]
            def do_POST(self) -> None:
                if self.path.startswith("/youtube/v3/comments"):
                    pause(fake.post_delay)
                super().do_POST()

        server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self


def pause(seconds: float) -> None:
    """A real wait (the autouse `fast_sleep` shortens time.sleep in this process)."""
    threading.Event().wait(seconds)


def modbot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120)


def channel_home(home: Path, server: FakeYouTube) -> App:
    home.mkdir(mode=0o700)
    (home / "modbot.toml").write_text(server.config_toml("channel"), encoding="utf-8")
    app = init_home(home)
    app.secrets.write_json("channel", server.secrets())
    with app.sessions.begin() as session:
        users.add_user(session, ASSISTANT, "assistant", None)
    return app


def copy_config_and_secrets(source: Path, target: Path) -> None:
    """What a practice keeps apart from its backups: modbot.toml and secrets/."""
    target.mkdir(mode=0o700)
    shutil.copy2(source / "modbot.toml", target / "modbot.toml")
    shutil.copytree(source / "secrets", target / "secrets")


def outbox_statuses(app: App) -> Counter[str]:
    with app.reads() as session:
        return Counter(session.scalars(select(OutboxRow.status)))


def test_a_backup_taken_mid_post_restores_and_every_approval_ends_with_one_reply(tmp_path: Path) -> None:
    with SlowYouTube() as server:
        video = server.add_video(title="Sleep and anxiety")
        home = tmp_path / "host-a"
        app = channel_home(home, server)
        for n in range(APPROVALS):  # stored as a poll stores them, without loading the model
            comment = server.add_comment(video, f"Thanks for this video ({n})", author=f"viewer{n}")
            item_id = add_item(app, platform="youtube", account="channel", external_id=comment,
                               suggestions=[("thanks", f"Thank you for watching! ({n})")])
            approval.approve(app, item_id, ASSISTANT)
        app.engine.dispose()

        poster = subprocess.Popen([sys.executable, "-m", "bot", "--home", str(home), "post", "--once"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(server.replies_posted) < 2 and time.monotonic() < deadline:
            pause(0.02)
        target = tmp_path / "backups" / "modbot.backup"
        target.parent.mkdir()
        taken = CliRunner().invoke(cli, ["--home", str(home), "backup", "--to", str(target)])
        assert taken.exit_code == 0, taken.output  # taken while the poster writes
        assert poster.poll() is None, "the backup was not taken mid-flight"
        poster.send_signal(signal.SIGKILL)  # the machine is lost
        poster.wait(timeout=10)
        pause(server.post_delay + 0.3)  # a reply already on its way still lands
        assert 2 <= len(server.replies_posted) < APPROVALS
        assert "audit log intact" in taken.output and "not included: secrets/" in taken.output
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

        with zipfile.ZipFile(target) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            everything = b"".join(archive.read(name) for name in archive.namelist())
        assert server.refresh_token.encode() not in everything
        assert (home / "secrets" / "audit.key").read_bytes() not in everything
        assert manifest["counts"]["items"] == APPROVALS
        in_flight = sum(n for s, n in manifest["counts"]["outbox"].items() if s in ("pending", "posting"))
        assert in_flight >= 1

        fresh = tmp_path / "host-b"
        copy_config_and_secrets(home, fresh)
        restored = modbot("--home", str(fresh), "restore", str(target))
        assert restored.returncode == 0, restored.stderr
        assert f"{in_flight} outbox row(s) in flight" in restored.stdout
        verified = modbot("--home", str(fresh), "audit", "verify")
        assert verified.returncode == 0 and "audit log intact" in verified.stdout, verified.stdout
        app_b = open_app(fresh)
        with app_b.reads() as session:
            assert len(session.scalars(select(Item.id)).all()) == manifest["counts"]["items"]
        assert sum(outbox_statuses(app_b).values()) == sum(manifest["counts"]["outbox"].values())

        posted = modbot("--home", str(fresh), "post", "--once")
        assert posted.returncode == 0, posted.stdout + posted.stderr
        replies = Counter(reply.parent_id for reply in server.replies_posted)
        texts = Counter(reply.text for reply in server.replies_posted)
        assert len(replies) == APPROVALS and set(replies.values()) == {1}
        assert set(texts.values()) == {1}
        assert outbox_statuses(app_b) == Counter({"posted": APPROVALS})
        assert modbot("--home", str(fresh), "audit", "verify").returncode == 0
        app_b.engine.dispose()


def test_backup_refuses_to_overwrite_and_restore_refuses_a_home_with_a_database(
    home: Path, tmp_path: Path, runner: CliRunner
) -> None:
    app = workflow_app(home)
    approval.approve(app, add_item(app), ASSISTANT)
    target = tmp_path / "one.backup"
    assert runner.invoke(cli, ["--home", str(home), "backup", "--to", str(target)]).exit_code == 0
    before = target.read_bytes()
    again = runner.invoke(cli, ["--home", str(home), "backup", "--to", str(target)])
    assert again.exit_code == 1 and "refusing to overwrite" in again.output
    assert target.read_bytes() == before
    into_itself = runner.invoke(cli, ["--home", str(home), "restore", str(target)])
    assert into_itself.exit_code == 1 and "already has a database" in into_itself.output
    assert "Traceback" not in into_itself.output


def test_restore_needs_the_config_and_the_same_audit_key(
    home: Path, tmp_path: Path, runner: CliRunner
) -> None:
    app = workflow_app(home)
    add_item(app)
    target = tmp_path / "b.backup"
    assert backup.backup(app, target).verified.ok

    empty = tmp_path / "empty"
    result = runner.invoke(cli, ["--home", str(empty), "restore", str(target)])
    assert result.exit_code == 1 and "copy modbot.toml and secrets/" in result.output

    fresh = tmp_path / "fresh"
    fresh.mkdir(mode=0o700)
    shutil.copy2(home / "modbot.toml", fresh / "modbot.toml")
    result = runner.invoke(cli, ["--home", str(fresh), "restore", str(target)])
    assert result.exit_code == 1 and "no audit key" in result.output

    SecretStore(fresh / "secrets").key("audit")  # a new, different key
    result = runner.invoke(cli, ["--home", str(fresh), "restore", str(target)])
    assert result.exit_code == 1 and "not the audit key this backup was made with" in result.output
    assert not (fresh / "modbot.db").exists()

    shutil.copy2(home / "secrets" / "audit.key", fresh / "secrets" / "audit.key")
    result = runner.invoke(cli, ["--home", str(fresh), "restore", str(target)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((fresh / "modbot.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((fresh / "audit-checkpoints.log").stat().st_mode) == 0o600


def test_a_file_that_is_not_a_backup_is_refused_in_one_line(
    tmp_path: Path, home: Path, runner: CliRunner
) -> None:
    bogus = tmp_path / "bogus.backup"
    bogus.write_text("hello")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy2(home / "modbot.toml", fresh / "modbot.toml")
    shutil.copytree(home / "secrets", fresh / "secrets")
    SecretStore(fresh / "secrets").key("audit")
    result = runner.invoke(cli, ["--home", str(fresh), "restore", str(bogus)])
    assert result.exit_code == 1 and "not a modbot backup" in result.output
    result = runner.invoke(cli, ["--home", str(fresh), "restore", str(tmp_path / "missing")])
    assert result.exit_code == 1 and "no such file" in result.output
    assert runner.invoke(cli, ["--home", str(fresh), "restore"]).exit_code == 1


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_postgresql_backup_is_refused_with_the_pg_dump_procedure(
    tmp_path: Path, database_url: str, runner: CliRunner
) -> None:
    home = tmp_path / "pg-home"
    home.mkdir()
    app = workflow_app(home, database_url=database_url)
    approval.approve(app, add_item(app), ASSISTANT)
    app.engine.dispose()
    result = runner.invoke(cli, ["--home", str(home), "--database-url", database_url,
                                 "backup", "--to", str(tmp_path / "pg.backup")])
    assert result.exit_code == 1 and "pg_dump --format=custom" in result.output
    assert not (tmp_path / "pg.backup").exists()
    # After a pg_restore: in-flight rows are marked to be checked, and the log still verifies.
    result = runner.invoke(cli, ["--home", str(home), "--database-url", database_url,
                                 "restore", "--in-place"])
    assert result.exit_code == 0, result.output
    assert "1 outbox row(s) in flight" in result.output and "audit log intact" in result.output


def test_restore_into_a_freshly_initialised_home(home: Path, tmp_path: Path, runner: CliRunner) -> None:
    """The way a new machine is set up: `modbot init`, copy the secrets across, restore."""
    app = workflow_app(home)
    add_item(app)
    target = tmp_path / "c.backup"
    assert backup.backup(app, target).verified.ok
    new = tmp_path / "new-machine"
    assert runner.invoke(cli, ["--home", str(new), "init"]).exit_code == 0
    shutil.rmtree(new / "secrets")
    shutil.copytree(home / "secrets", new / "secrets")
    shutil.copy2(home / "modbot.toml", new / "modbot.toml")
    result = runner.invoke(cli, ["--home", str(new), "restore", str(target)])
    assert result.exit_code == 0, result.output
    verify = runner.invoke(cli, ["--home", str(new), "audit", "verify"])
    assert verify.exit_code == 0 and "audit log intact" in verify.output
    # A home whose database holds anything is still refused.
    assert runner.invoke(cli, ["--home", str(new), "restore", str(target)]).exit_code == 1
