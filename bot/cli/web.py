"""`modbot serve`: the review dashboard."""

from __future__ import annotations

import errno
import socket
from typing import TYPE_CHECKING

import click

from bot.cli.root import Options, pass_options
from bot.errors import ConfigError

if TYPE_CHECKING:
    from bot.app import App


def register(cli: click.Group) -> None:
    cli.add_command(serve)


@click.command()
@click.option("--host", help="Address to listen on (default [web] host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port to listen on (default [web] port, 8080).")
@pass_options
def serve(options: Options, host: str | None, port: int | None) -> None:
    """Run the review dashboard (waitress) until interrupted."""
    from bot import app as application

    overrides = dict(options.overrides)
    overrides.update({"web.host": host, "web.port": port})
    app = application.open_app(options.home, overrides=overrides)
    serve_dashboard(app, app.config.web.host, app.config.web.port)


def serve_dashboard(app: App, host: str, port: int) -> None:
    """Check that the address is free (a busy port is one clear line, not a traceback), say where
    the dashboard is and how to stop it, then serve until interrupted."""
    from bot import web

    shown = f"[{host}]" if ":" in host else host
    _check_address(host, port, f"{shown}:{port}")
    click.echo(f"modbot dashboard on http://{shown}:{port}/ (Ctrl+C to stop)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("Listening beyond this machine: serve it behind https (a reverse proxy that sets "
                   "X-Forwarded-Proto, listed in [web] trusted_proxies) so session cookies are marked "
                   "Secure.", err=True)
    try:
        web.serve(app, host, port)
    except OSError as exc:  # the port was taken between the check and now
        raise ConfigError(f"cannot serve on {shown}:{port}: {exc.strerror or exc}") from None


def _check_address(host: str, port: int, shown: str) -> None:
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {shown}: {exc.strerror}") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress does
        try:
            probe.bind(address)
        except OSError as exc:
            in_use = exc.errno == errno.EADDRINUSE
            hint = " (is modbot already running? choose another --port)" if in_use else ""
            raise ConfigError(f"cannot listen on {shown}: {exc.strerror}{hint}") from None
