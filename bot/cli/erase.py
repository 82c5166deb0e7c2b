"""`modbot erase`: data-protection erasure of one item or one author, and the retention purge.

A thin wrapper over bot.erasure; library errors become one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import click

from bot import app as application
from bot import erasure
from bot.cli.root import ITEM_ID, Options, pass_options
from bot.cli.terminal import plain
from bot.config import PLATFORMS


def register(cli: click.Group) -> None:
    cli.add_command(erase)


@click.command()
@click.option("--item", "item_id", type=ITEM_ID, help="Erase this item.")
@click.option("--author", help="Erase every item by this handle (@name, u/name or the platform user id).")
@click.option("--platform", type=click.Choice(PLATFORMS), help="With --author: only on this platform.")
@click.option("--expired", is_flag=True,
              help="Erase what [retention] comment_text_days says is too old (what `modbot run` does daily).")
@pass_options
def erase(options: Options, item_id: int | None, author: str | None, platform: str | None,
          expired: bool) -> None:
    """Remove comment text, author and every copy modbot holds (suggestions, reply texts, notes,
    audit details), leaving a redaction event so the audit still verifies."""
    if sum((item_id is not None, author is not None, expired)) != 1:
        raise click.UsageError("give exactly one of --item ID, --author HANDLE or --expired")
    if platform and author is None:
        raise click.UsageError("--platform goes with --author")
    app = application.open_app(options.home, overrides=options.overrides)
    try:
        if expired:
            result = erasure.purge_expired(app)
        else:
            with app.reads() as session:
                ids = erasure.find_items(session, item_id=item_id, author=author, platform=platform)
            result = erasure.erase(app, ids, actor="cli", reason="erasure request")
    finally:
        app.engine.dispose()
    if result is None:
        click.echo("retention is off ([retention] comment_text_days = 0): nothing erased")
        return
    _report(result)


def _report(result: erasure.ErasureResult) -> None:
    if result.items:
        listed = ", ".join(str(i) for i in result.items[:20]) + (" ..." if len(result.items) > 20 else "")
        click.echo(f"erased {len(result.items)} item(s) ({listed}): text, author, permalink, "
                   f"suggestions and reply texts removed; {result.redacted} audit event(s) redacted")
    elif not result.already:
        click.echo("nothing to erase")
    if result.already:
        click.echo(f"already erased: item {', '.join(str(i) for i in result.already)}")
    for outbox_id, item in result.cancelled:
        click.echo(f"cancelled outbox #{outbox_id} (item {item}): its reply was not posted and will not be")
    for outbox_id, item in result.unclear:
        click.echo(f"WARNING: outbox #{outbox_id} (item {item}) was cancelled with an unclear outcome: "
                   "the reply may already be on the platform; check there")
    if result.corrections:
        click.echo(f"{result.corrections} reviewer correction(s) removed: run `modbot train` so the local "
                   "model no longer holds their words")
    if result.busy:
        click.echo(f"left for the next run: item {', '.join(str(i) for i in result.busy)} "
                   "(a reply was being posted)")
    for path in result.exports:
        click.echo(f"removed from the export modbot wrote to {plain(str(path))}")
    for problem in result.export_problems:
        click.echo(f"WARNING: {plain(problem)}")
    if result.items:
        click.echo("copies modbot did not write to a file it remembers (an export sent to standard output, "
                   "copies of export files, audit exports) are yours to delete or replace")
    if not result.compacted:
        click.echo(f"NOT DONE: {result.problem}", err=True)
        raise SystemExit(1)
    if result.busy:
        raise SystemExit(1)
