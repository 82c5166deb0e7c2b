"""The root `modbot` group, shared options and error handling."""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from bot.errors import ModbotError


class ModbotGroup(click.Group):
    """Turns every ModbotError into one line on stderr and exit status 1, and loads a command's
    module (`bot.cli.<module>`, which registers it) only when the command is wanted."""

    lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module = importlib.import_module(f"bot.cli.{self.lazy_commands[cmd_name]}")
            module.register(self)
        return self.commands.get(cmd_name)

    def load_all(self) -> Mapping[str, click.Command]:
        """Every command, imported: for tests and documentation."""
        for name in self.lazy_commands:
            self.get_command(click.Context(self), name)
        return self.commands

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ModbotError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=ModbotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MODBOT_HOME",
    help="Directory holding modbot.toml, modbot.db and secrets/ (env MODBOT_HOME).",
)
@click.option("--database-url", help="Database URL; overrides [database] url and MODBOT_DATABASE_URL.")
@click.option("-v", "--verbose", count=True, help="More log output (ids and decisions, never text).")
@click.version_option(package_name="modbot")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, database_url: str | None, verbose: int) -> None:
    """modbot: triage comments and DMs, suggest safe replies, post only what a person approves."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = Options(home=home, database_url=database_url)


class Options:
    """Global options, handed to every command through click's context."""

    def __init__(self, home: Path | None, database_url: str | None) -> None:
        self.home = home
        self.database_url = database_url

    @property
    def overrides(self) -> dict[str, Any]:
        return {"database.url": self.database_url}


pass_options = click.make_pass_decorator(Options)

# Database ids: a number beyond what a database integer holds is refused by click, in one line.
ITEM_ID = click.IntRange(1, 2**63 - 1)


def main() -> None:
    # Every file and directory modbot makes (database, -wal/-shm, secrets, exports, models, locks)
    # is readable by its owner only: comment text and credentials are not for other accounts.
    os.umask(0o077)
    cli(prog_name="modbot")


if __name__ == "__main__":  # pragma: no cover
    main()
