"""Backup commands: backup, restore."""

from __future__ import annotations

from pathlib import Path

import click

from bot import app as application
from bot import audit, backup
from bot.cli.root import Options, pass_options
from bot.cli.terminal import plain
from bot.errors import ConfigError


def register(cli: click.Group) -> None:
    for command in (backup_command, restore_command):
        cli.add_command(command)


def _verified(result: audit.Verification) -> str:
    if result.ok:
        return f"audit log intact: {result.checked} events"
    return f"audit log BROKEN: {plain(result.problem)} ({result.checked} events before it are intact)"


@click.command("backup")
@click.option("--to", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The backup file to create (0600; an existing file is never overwritten).")
@pass_options
def backup_command(options: Options, target: Path) -> None:
    """Back up the SQLite database and its audit checkpoints, safely while `modbot run` writes.
    Secrets and modbot.toml are not included: keep them separately. PostgreSQL: use pg_dump."""
    app = application.open_app(options.home, overrides=options.overrides)
    try:
        result = backup.backup(app, target)
    finally:
        app.engine.dispose()
    click.echo(f"backup written to {result.path}: {result.counts.line()}")
    click.echo(_verified(result.verified))
    click.echo("not included: secrets/ and modbot.toml; keep a copy of them apart from this file")
    if not result.verified.ok:
        raise SystemExit(1)


@click.command("restore")
@click.argument("source", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--in-place", is_flag=True,
              help="The database was restored by other means (pg_restore): only mark in-flight "
              "replies to be checked on the platform before any send, and verify the audit log.")
@pass_options
def restore_command(options: Options, source: Path | None, in_place: bool) -> None:
    """Restore a backup FILE into a home holding modbot.toml and secrets/ but no database; replies
    that were in flight are checked on the platform before any send."""
    if in_place == (source is not None):
        raise ConfigError("give a backup FILE, or --in-place after pg_restore (not both)")
    if source is not None:
        result = backup.restore(source, options.home, overrides=options.overrides)
        click.echo(f"restored {source}: {result.counts.line()}")
        unknown, verified = result.unknown, result.verified
    else:
        app = application.open_app(options.home, overrides=options.overrides)
        try:
            unknown = backup.mark_in_flight(app, "restored in place")
            with app.reads() as session:
                verified = audit.verify(session, audit.trail_of(app.sessions))
        finally:
            app.engine.dispose()
    click.echo(f"{len(unknown)} outbox row(s) in flight: each is checked on the platform before any send")
    click.echo(_verified(verified))
    if not verified.ok:
        raise SystemExit(1)
