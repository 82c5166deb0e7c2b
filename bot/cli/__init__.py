"""`modbot` command line: a thin layer over library functions.

Each module in this package registers its commands on the root group; library errors become one
clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

from bot.cli import accounts, core, resources, review, triage, web
from bot.cli.root import cli, main

for module in (core, triage, accounts, review, resources, web):
    module.register(cli)

__all__ = ["cli", "main"]
