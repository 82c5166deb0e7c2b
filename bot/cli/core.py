"""Set-up and reading commands: init, db upgrade, demo, queue, show, export, users."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from bot import app as application
from bot import db, exports, storage, users
from bot.cli.root import ITEM_ID, Options, pass_options
from bot.cli.terminal import json_text, plain
from bot.errors import ConfigError


def register(cli: click.Group) -> None:
    for command in (init, db_group, demo, queue, show, export, users_group):
        cli.add_command(command)


@click.command()
@pass_options
def init(options: Options) -> None:
    """Create the home: modbot.toml, secrets/ and a database at the newest migration."""
    app = application.init_home(options.home, overrides=options.overrides)
    click.echo(f"modbot home: {app.config.home}")
    click.echo(f"config:      {app.config.config_path}")
    click.echo(
        f"database:    {app.engine.url.render_as_string(hide_password=True)} "
        f"(schema {db.current_revision(app.engine)})"
    )
    click.echo("next steps:")
    click.echo(f"  1. add your accounts to {app.config.config_path} ([[accounts]], see the README), "
               "then `modbot connect NAME` for each")
    click.echo("  2. add yourself: `modbot users add NAME --role owner --password-stdin`")
    click.echo("  3. `modbot poll --once`, then `modbot queue`, or `modbot serve` for the dashboard")
    click.echo("  (to look around first with offline data: `modbot demo`)")


@click.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
@pass_options
def db_upgrade(options: Options) -> None:
    """Apply every pending migration (safe to run twice)."""
    app = application.open_app(options.home, overrides=options.overrides, require_database=False)
    db.upgrade(app.engine)
    click.echo(f"database at schema {db.current_revision(app.engine)}")


@click.command()
@click.option("--no-serve", is_flag=True, help="Only load the demo data; do not start the dashboard.")
@click.option("--host", default=None, help="Dashboard address (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Dashboard port (default 8080).")
@pass_options
def demo(options: Options, no_serve: bool, host: str | None, port: int | None) -> None:
    """Load the offline demo data into the home, triage it, and start the dashboard."""
    from bot import demo as demo_data

    click.echo("loading the demo data (a first run also trains the triage model: about 20 s) ...")
    result = demo_data.load(options.home, overrides=options.overrides)
    if result.rerun:
        click.echo(f"demo home already exists: {result.home}")
        click.echo(f"  kept {result.kept_items} items, added {result.new_items} "
                   f"({result.items} in all: {result.by_category_line()})")
    else:
        click.echo(f"demo home: {result.home}")
        for line in result.poll_lines:
            click.echo(f"  {line}")
        click.echo(f"{result.items} demo items in the queue ({result.by_category_line()})")
        crisis = result.by_category.get("crisis", 0)
        if crisis:
            click.echo(f"{crisis} crisis item(s) alerted, to the log "
                       "(no alert channel configured: see [alerts] in the README)")
    if result.kept_users:
        click.echo(f"  demo users unchanged ({', '.join(name for name, _ in result.kept_users)}): "
                   "their passwords are the ones printed on the first run")
        name, role = result.kept_users[0]
        click.echo(f"  forgot one? set a new one: modbot users add {name} --role {role} --password-stdin")
    if result.logins:
        click.echo("demo logins (user / password):")
        for name, role, password in result.logins:
            click.echo(f"  {name:<16} {role:<10} {password}")
    if no_serve:
        return
    from bot.cli.web import serve_dashboard

    app = application.open_app(result.home, overrides=options.overrides)
    serve_dashboard(app, host or app.config.web.host, port or app.config.web.port)


@click.command()
@click.option(
    "--status",
    "status_",
    type=click.Choice([*storage.STATUSES, "all"]),
    help="Only items in this state (default: everything still open).",
)
@click.option("--category", type=click.Choice(["crisis", "client", "advice", "engagement"]))
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_options
def queue(options: Options, status_: str | None, category: str | None, limit: int, as_json: bool) -> None:
    """List items, crisis first, then oldest first."""
    app = application.open_app(options.home, overrides=options.overrides)
    with app.reads() as session:
        records = storage.queue(session, status=status_, category=category, limit=limit)
    if as_json:
        click.echo(json_text([r.summary() for r in records], indent=1))
        return
    if not records:
        click.echo("queue is empty")
        return
    now = datetime.now(UTC)
    click.echo(f"{'ID':>6}  {'CATEGORY':<10} {'STATUS':<9} {'AGE':>4}  {'PLATFORM':<8} {'KIND':<7} "
               f"{'AUTHOR':<20} TEXT")
    for r in records:
        click.echo(
            f"{r.id:>6}  {plain(r.category or '-'):<10} {plain(r.status):<9} "
            f"{age(r.published_at or r.fetched_at, now):>4}  {plain(r.platform):<8} {plain(r.kind):<7} "
            f"{_cut(plain(r.author or '[deleted]'), 20):<20} {_cut(' '.join(plain(r.text).split()), 60)}"
        )


def age(iso: str, now: datetime) -> str:
    """How long ago: "4m", "3h", "2d" (a time in the future, from a skewed clock, is "0m")."""
    then = datetime.fromisoformat(iso)
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    minutes = max(int((now - then).total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes}m"
    if minutes < 48 * 60:
        return f"{minutes // 60}h"
    return f"{minutes // (24 * 60)}d"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command()
@click.argument("item_id", type=ITEM_ID)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@pass_options
def show(options: Options, item_id: int, as_json: bool) -> None:
    """One item with its triage reasons, context and candidate replies."""
    app = application.open_app(options.home, overrides=options.overrides)
    with app.reads() as session:
        record = storage.item_record(session, item_id, suggest=app.suggestions)
    if as_json:
        data = record.detail()
        data["suggestions"] = [
            {"template": s["template"], "text": s["text"], "guard": s["guard"]} for s in record.suggestions
        ]
        click.echo(json_text(data, indent=1))
        return
    click.echo(
        f"#{record.id} {plain(record.platform)}/{plain(record.account)} {plain(record.kind)} by "
        f"{plain(record.author or '[deleted]')}  [{plain(record.status)}]"
    )
    if record.context_title:
        click.echo(f"on: {plain(record.context_title)}")
    if record.permalink:
        click.echo(f"link: {plain(record.permalink)}")
    labels = ", ".join(plain(label) for label in record.labels) or "-"
    click.echo(f"category: {plain(record.category or 'untriaged')}  labels: {labels}")
    for reason in record.reasons:
        click.echo(f"  because {plain(reason)}")
    click.echo("")
    click.echo(plain(record.text, multiline=True))
    click.echo("")
    for number, suggestion in enumerate(record.suggestions, 1):
        verdict = suggestion["guard"] or {}
        flag = " [BLOCKED by reply guard]" if verdict.get("blocked") else ""
        click.echo(f"suggestion {number} ({plain(suggestion['template'])}){flag}:")
        click.echo("  " + plain(suggestion["text"], multiline=True).replace("\n", "\n  "))
    for decision in record.decisions:
        click.echo(f"{plain(decision['at'])}: {plain(decision['action'])} by {plain(decision['by'])}")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (0600, all or nothing) instead of standard output.",
)
@pass_options
def export(options: Options, fmt: str, output: Path | None) -> None:
    """Every item with its triage, decisions (who, when) and what was posted."""
    app = application.open_app(options.home, overrides=options.overrides)
    with app.reads() as session:
        if output:
            if not output.parent.is_dir():
                raise ConfigError(f"cannot write {output}: there is no folder {output.parent}")
            try:
                count = exports.write_items_to_file(session, output, fmt)
            except OSError as exc:
                raise ConfigError(f"cannot write {output}: {exc.strerror or exc}") from None
            exports.record(app.config.home, output, fmt)  # so an erasure can find it
            click.echo(f"{count} items written to {output}", err=True)
        else:
            exports.write_items(session, sys.stdout, fmt)


@click.group("users")
def users_group() -> None:
    """People who review: owners, assistants, auditors."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["owner", "assistant", "auditor"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the dashboard password from standard input.")
@pass_options
def users_add(options: Options, name: str, role: str, password_stdin: bool) -> None:
    """Add a user (or change an existing user's role and password)."""
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ConfigError("no password on standard input")
    app = application.open_app(options.home, overrides=options.overrides)
    with app.sessions.begin() as session:
        users.add_user(session, name, role, password)
    note = "" if password else " (no dashboard password: CLI use only)"
    click.echo(f"user {name} is {'an' if role[0] in 'aeiou' else 'a'} {role}{note}")


@users_group.command("list")
@pass_options
def users_list(options: Options) -> None:
    """List users and their roles."""
    app = application.open_app(options.home, overrides=options.overrides)
    with app.reads() as session:
        for user in users.list_users(session):
            state = "" if user.active else " (disabled)"
            click.echo(f"{plain(user.name):<20} {user.role}{state}")
