"""Account commands: connect, poll, run, status."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click

from bot import app as application
from bot import pipeline, status
from bot.cli.progress import ProgressLine, quiet_option
from bot.cli.root import Options, pass_options
from bot.cli.terminal import json_text, plain
from bot.errors import ConfigError


def register(cli: click.Group) -> None:
    for command in (connect, poll, run, status_command):
        cli.add_command(command)


@click.command()
@click.argument("account")
@click.option(
    "--from-file",
    "from_file",
    type=click.Path(path_type=Path),
    help="Import an existing credentials JSON file instead of signing in.",
)
@click.option(
    "--client-secrets",
    type=click.Path(path_type=Path),
    help="The OAuth client file of the account's platform (its README section says which).",
)
@pass_options
def connect(options: Options, account: str, from_file: Path | None, client_secrets: Path | None) -> None:
    """Sign in to ACCOUNT's platform and store its credentials in secrets/ (0600)."""
    app = application.open_app(options.home, overrides=options.overrides, require_database=False)
    config = app.config.account(account)
    if config.platform == "file":
        raise ConfigError(f"account {account!r} reads a file and needs no credentials")
    auth = importlib.import_module(f"connectors.{config.platform}_auth")
    if from_file:
        credentials = auth.validate_credentials(_json_object(from_file, "--from-file"))
    else:
        if not client_secrets:
            raise ConfigError("signing in needs --client-secrets FILE (or use --from-file)")
        credentials = auth.interactive_connect(config, _json_object(client_secrets, "--client-secrets"))
    path = app.secrets.write_json(account, dict(credentials))
    if _db_ready(app):
        from bot import storage

        with app.sessions.begin() as session:
            row = storage.ensure_account(session, config)
            if row.state == "reconnect_required":
                row.state = "ok"
    click.echo(f"credentials for {account} saved to {path}")


def _json_object(path: Path, option: str) -> dict[str, object]:
    """The JSON object in `path`, or one clear error naming the option and the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"{option} {path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ConfigError(f"{option} {path}: not valid JSON{where}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{option} {path}: expected a JSON object")
    return data


def _db_ready(app: application.App) -> bool:
    from bot import db
    from bot.errors import StorageError

    try:
        db.require_current(app.engine)
        return True
    except StorageError:
        return False


@click.command()
@click.option("--once", is_flag=True, required=True, help="Poll each account one time and exit.")
@click.option("--account", help="Only this account.")
@quiet_option
@pass_options
def poll(options: Options, once: bool, account: str | None, quiet: bool) -> None:
    """Poll accounts once: store new items, triage them, print a summary.

    On a terminal, a line on stderr counts the items triaged so far (not with --quiet)."""
    app = application.open_app(options.home, overrides=options.overrides)
    if not app.config.accounts:
        raise ConfigError(f"no [[accounts]] in {app.config.config_path}")
    accounts = [app.config.account(account)] if account else list(app.config.accounts)
    summaries = []
    # A platform failure is recorded on the account and reported here, not a crash: the other
    # accounts were still polled, and `modbot status` keeps the details.
    for config in accounts:
        line = ProgressLine(f"{plain(config.name)}: ", quiet=quiet)
        line.status("reading new items...")
        summaries.append(pipeline.poll_account(app, config, progress=line))
        line.close()
        click.echo(plain(summaries[-1].line()))
    undone = [summary.left_undone for summary in summaries if summary.left_undone]
    if undone:
        click.echo(
            f"{len(undone)} of {len(summaries)} account(s) not fully polled: "
            + "; ".join(plain(line) for line in undone),
            err=True,
        )
        raise SystemExit(1)


@click.command()
@pass_options
def run(options: Options) -> None:
    """Run the scheduler: poll every account at its interval, triage, post approved replies."""
    from bot import scheduler  # APScheduler: only `run` needs it

    app = application.open_app(options.home, overrides=options.overrides)
    click.echo(
        f"modbot run: polling {len(app.config.accounts)} account(s), posting approved replies every "
        f"{scheduler.POST_EVERY_SECONDS} s, checking alerts every {scheduler.ALERTS_EVERY_SECONDS} s; "
        "Ctrl-C to stop"
    )
    scheduler.run(app)


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_options
def status_command(options: Options, as_json: bool) -> None:
    """Per account: last successful poll, last error, quota used today, gone quiet."""
    app = application.open_app(options.home, overrides=options.overrides)
    statuses = status.account_statuses(app)
    if as_json:
        click.echo(json_text([item.as_dict() for item in statuses], indent=1))
        return
    if not statuses:
        click.echo(f"no accounts configured in {app.config.config_path}")
    for item in statuses:
        for line in item.lines():
            click.echo(plain(line))
