"""`modbot resources`: the crisis resources data, and which entries need re-checking."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from bot.config import parse_duration
from bot.errors import ConfigError

DATA_OPTION_HELP = "Crisis resources file to read instead of the one shipped with modbot."


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def today() -> date:
    """Today's date (a function so tests can move it)."""
    return date.today()


def _load(path: Path | None) -> Any:
    from responses.resources import load_resources

    return load_resources(path)


def _data_label(path: Path | None) -> str:
    from responses.resources import default_data_path

    return str(path or default_data_path())


@click.group("resources")
def resources_group() -> None:
    """Crisis resources by country: list them, and find entries due for re-checking."""


@resources_group.command("check")
@click.option(
    "--older-than",
    "older_than",
    default="180d",
    show_default=True,
    help="Flag entries last verified longer ago than this, e.g. 90d or 365d.",
)
@click.option("--data", "data_path", type=click.Path(dir_okay=False, path_type=Path), help=DATA_OPTION_HELP)
def check_command(older_than: str, data_path: Path | None) -> None:
    """List entries whose last_verified date is older than --older-than, and unverified ones.

    Helpline numbers change: re-check each listed entry against the service's own site, then
    update its last_verified date. Always exits 0; the listing is the result.
    """
    from responses.resources import stale_entries

    try:
        age = parse_duration(older_than, where="--older-than")
    except ConfigError as exc:
        raise click.BadParameter(str(exc).split(": ", 1)[-1], param_hint="--older-than") from None
    data = _load(data_path)
    now = today()
    stale, never = stale_entries(age, today=now, data=data)
    total = len(data.entries())
    click.echo(f"Crisis resources: {_data_label(data_path)} ({_entries(total)})")
    cutoff = now - age
    if stale:
        click.echo(
            f"STALE: {_entries(len(stale))} last verified more than {age.days} days ago (before {cutoff}):"
        )
        for entry in stale:
            days = (now - entry.last_verified).days if entry.last_verified else 0
            click.echo(
                f"  STALE  {entry.region:<4} {entry.id:<28} {entry.name}: "
                f"last verified {entry.last_verified} ({days} days ago)"
            )
            for source in entry.sources:
                click.echo(f"         source: {source}")
    else:
        click.echo(
            f"No stale entries: every dated entry was verified within {age.days} days (since {cutoff})."
        )
    if never:
        click.echo(
            f"UNVERIFIED: {_entries(len(never))} never confirmed by a source; they are not used in "
            "replies (emergency numbers excepted) until checked:"
        )
        for entry in never:
            click.echo(f"  UNVERIFIED  {entry.region:<4} {entry.id:<28} {entry.name}")


@resources_group.command("list")
@click.option("--region", help="Two-letter country code; unknown codes show the international fallback.")
@click.option("--data", "data_path", type=click.Path(dir_okay=False, path_type=Path), help=DATA_OPTION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def list_command(region: str | None, data_path: Path | None, as_json: bool) -> None:
    """Show the crisis services for one region, or for every region in the data."""
    from responses.resources import regions, resources_for

    data = _load(data_path)
    codes = [region] if region else [*regions(data=data), "INTL"]
    shown = [resources_for(code, data=data) if code != "INTL" else data.international for code in codes]
    if as_json:
        click.echo(json.dumps([_as_dict(r) for r in shown], indent=2))
        return
    for index, res in enumerate(shown):
        if index:
            click.echo("")
        title = f"{res.region}: {res.name}"
        if res.is_fallback and region:
            title += f" (no entries for {res.region}: international directories)"
        click.echo(title)
        click.echo(f"  In immediate danger: {res.emergency_line}")
        for service in res.services:
            marks = []
            if service.for_replies:
                marks.append("in replies")
            marks.append(f"verified {service.last_verified}" if service.verified else "UNVERIFIED")
            click.echo(f"  - {service.name} [{', '.join(marks)}]")
            click.echo(f"    {service.reach}")
            for source in service.sources:
                click.echo(f"    source: {source}")


def _as_dict(res: Any) -> dict[str, Any]:
    return {
        "region": res.region,
        "name": res.name,
        "fallback": res.is_fallback,
        "emergency_numbers": list(res.emergency.numbers),
        "services": [
            {
                "id": s.id,
                "name": s.name,
                "reach": s.reach,
                "contacts": [{"type": c.type, "value": c.value, "keyword": c.keyword} for c in s.contacts],
                "hours": s.hours,
                "status": s.status,
                "in_replies": s.for_replies,
                "last_verified": s.last_verified.isoformat() if s.last_verified else None,
                "sources": list(s.sources),
            }
            for s in res.services
        ],
    }


def register(cli: click.Group) -> None:
    cli.add_command(resources_group)
