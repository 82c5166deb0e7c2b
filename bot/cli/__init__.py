"""`modbot` command line: a thin layer over library functions.

Each module in this package registers its commands on the root group, and is imported only when
one of its commands runs (or help lists them): `modbot triage` starts without loading the database
and platform layers. Library errors become one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

from bot.cli.root import cli, main

# Command name -> the module that registers it.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("init", "db", "demo", "queue", "show", "export", "users"), "core"),
    **dict.fromkeys(("triage", "train", "eval", "roster"), "triage"),
    **dict.fromkeys(("connect", "poll", "run", "status"), "accounts"),
    **dict.fromkeys(("approve", "reject", "escalate", "dismiss", "post", "audit", "alerts"), "review"),
    "resources": "resources",
    **dict.fromkeys(("backup", "restore"), "backup"),
    "erase": "erase",
    "serve": "web",
}
cli.lazy_commands = COMMANDS

__all__ = ["COMMANDS", "cli", "main"]
