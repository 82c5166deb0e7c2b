"""Review commands: approve, reject, escalate, dismiss, post, audit, alerts.

Thin wrappers over bot.approval, bot.outbox, bot.audit and bot.alerts: library errors become one
line on stderr and a non-zero exit (see bot.cli.root).
"""

from __future__ import annotations

import click

from bot import alerts as alerting
from bot import app as application
from bot import approval, audit, outbox
from bot.cli.root import ITEM_ID, Options, pass_options
from bot.cli.terminal import json_text, plain


def register(cli: click.Group) -> None:
    for command in (approve, reject, escalate, dismiss, post, audit_group, alerts_group):
        cli.add_command(command)


def _app(options: Options) -> application.App:
    return application.open_app(options.home, overrides=options.overrides)


@click.command()
@click.argument("item_id", type=ITEM_ID)
@click.option("--as", "user", required=True,
              help="Your modbot user name (your role decides what you may approve).")
@click.option("--text", help="Reply text to post instead of the suggestion (checked by the reply guard).")
@click.option("--template", help="Use this suggested template (see `modbot show ID`).")
@click.option("--override-reason", help="Owner only: post a reply the guard blocked, recording why.")
@pass_options
def approve(options: Options, item_id: int, user: str, text: str | None, template: str | None,
            override_reason: str | None) -> None:
    """Approve a reply to item ID; `modbot post --once` then posts it exactly once."""
    if text is not None and template is not None:
        raise click.UsageError("give --text or --template, not both")
    row_id = approval.approve(_app(options), item_id, user, text=text, template=template,
                              override_reason=override_reason)
    click.echo(f"item {item_id} approved by {user}: reply queued as outbox #{row_id} "
               f"(run `modbot post --once` to post it)")


def _closing(name: str, summary: str, past: str) -> click.Command:
    @click.command(name, help=summary)
    @click.argument("item_id", type=ITEM_ID)
    @click.option("--as", "user", required=True, help="Your modbot user name.")
    @click.option("--note", help="Why (kept in the audit trail).")
    @pass_options
    def command(options: Options, item_id: int, user: str, note: str | None) -> None:
        getattr(approval, name)(_app(options), item_id, user, note=note)
        click.echo(f"item {item_id} {past} by {user}")

    return command


reject = _closing("reject", "Decide that no reply will be posted to item ID.", "rejected")
escalate = _closing("escalate", "Hand item ID to an owner (crisis and client items).", "escalated")
dismiss = _closing("dismiss", "Mark item ID as needing nothing.", "dismissed")


@click.command()
@click.option("--once", is_flag=True, required=True,
              help="One pass over the outbox, then exit (the scheduler runs the same pass).")
@pass_options
def post(options: Options, once: bool) -> None:
    """Post approved replies and moderation actions, each exactly once."""
    summary = outbox.post_once(_app(options), worker="cli")
    for line in summary.lines:
        click.echo(plain(line))
    click.echo(plain(summary.line()))
    if summary.failed:
        raise SystemExit(1)


@click.group("audit")
def audit_group() -> None:
    """The hash-chained audit trail."""


@audit_group.command("verify")
@pass_options
def audit_verify(options: Options) -> None:
    """Check every link of the audit chain; exit 1 at the first broken one."""
    app = _app(options)
    with app.reads() as session:
        result = audit.verify(session)
    if result.ok:
        click.echo(f"audit log intact: {result.checked} events")
        return
    click.echo(f"audit log BROKEN at event #{result.broken_id}: {plain(result.problem)} "
               f"({result.checked} events before it are intact)")
    raise SystemExit(1)


@audit_group.command("list")
@click.option("--item", "item_id", type=ITEM_ID, help="Only events about this item.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_options
def audit_list(options: Options, item_id: int | None, as_json: bool) -> None:
    """Who did what, when (oldest first)."""
    app = _app(options)
    with app.reads() as session:
        for event in audit.events(session, item_id=item_id):
            data = audit.as_dict(event)
            if as_json:
                click.echo(json_text(data))
            else:
                item = f" item {event.item_id}" if event.item_id is not None else ""
                who = f"{plain(data['at'])} {plain(event.actor)} {plain(event.action)}"
                click.echo(f"#{event.id} {who}{item}")


@click.group("alerts")
def alerts_group() -> None:
    """Crisis and account alerts."""


@alerts_group.command("check")
@pass_options
def alerts_check(options: Options) -> None:
    """Send due alerts: new crisis items, unopened reminders, quiet or disconnected accounts."""
    sent = alerting.check(_app(options))
    for alert in sent:
        click.echo(plain(alert.line()))
    click.echo(f"{len(sent)} alert(s) sent")
    if any(not alert.delivered for alert in sent):
        raise SystemExit(1)
