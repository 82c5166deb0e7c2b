"""Review commands: approve, reject, escalate, dismiss, post, audit, alerts.

Thin wrappers over bot.approval, bot.outbox, bot.audit and bot.alerts: library errors become one
line on stderr and a non-zero exit (see bot.cli.root).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from bot import alerts as alerting
from bot import app as application
from bot import approval, audit, export_signing, outbox
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
    """Check every keyed link of the audit chain and the signed checkpoints outside the database
    (truncation, rewriting, forged appends); exit 1 at the first problem."""
    app = _app(options)
    with app.reads() as session:
        result = audit.verify(session, audit.trail_of(app.sessions))
    if result.ok:
        since = f", {result.legacy} from before the chain was keyed" if result.legacy else ""
        signed = result.checkpoint.count if result.checkpoint else 0
        if result.checked > signed:  # covered by the keyed chain, not yet by a signed checkpoint
            since += f"; the newest {result.checked - signed} after the newest signed checkpoint"
        click.echo(f"audit log intact: {result.checked} events{since}")
        return
    where = f"at event #{result.broken_id}" if result.broken_id is not None else "(checkpoint)"
    click.echo(f"audit log BROKEN {where}: {plain(result.problem)} "
               f"({result.checked} events before it are intact)")
    raise SystemExit(1)


@audit_group.command("export")
@click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (0600) instead of standard output.")
@pass_options
def audit_export(options: Options, output: Path | None) -> None:
    """A signed export for an auditor: every event, the newest signed checkpoint, and an HMAC
    over the whole file with the audit key (refused when the log does not verify). With
    --output, also FILE.sig: an Ed25519 signature anyone can check with `modbot audit public-key`
    and OpenSSL."""
    app = _app(options)
    with app.reads() as session:
        document = audit.export(session, audit.trail_of(app.sessions))
    content = (json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n").encode()
    if output is None:
        click.echo(content.decode(), nl=False)
        return
    signature = output.with_name(output.name + ".sig")
    _write_private(output, content)
    _write_private(signature, export_signing.sign(app.secrets, content))
    click.echo(f"audit export: {len(document['events'])} events signed to {plain(str(output))}; "
               f"public-key signature in {plain(str(signature))}")


def _write_private(path: Path, content: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


@audit_group.command("public-key")
@pass_options
def audit_public_key(options: Options) -> None:
    """The public key (PEM) that checks audit export signatures: give it to your auditors."""
    app = _app(options)
    click.echo(export_signing.public_key_pem(app.secrets), nl=False)


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
    app = _app(options)
    sent = alerting.check(app)
    for alert in sent:
        click.echo(plain(alert.line()))
        if alert.message.link:
            click.echo(f"  open: {plain(alert.message.link)}")
    click.echo(f"{len(sent)} alert(s) sent")
    click.echo(f"dashboard: {plain(alerting.dashboard_address(app.config))}")
    hint = alerting.dashboard_hint(app.config)
    if hint:
        click.echo(plain(hint))
    if any(not alert.delivered for alert in sent):
        raise SystemExit(1)
