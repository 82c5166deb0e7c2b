"""`modbot serve`: the review dashboard."""

from __future__ import annotations

import click

from bot.cli.root import Options, pass_options


def register(cli: click.Group) -> None:
    cli.add_command(serve)


@click.command()
@click.option("--host", help="Address to listen on (default [web] host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port to listen on (default [web] port, 8080).")
@pass_options
def serve(options: Options, host: str | None, port: int | None) -> None:
    """Run the review dashboard (waitress) until interrupted."""
    from bot import app as application
    from bot import web

    overrides = dict(options.overrides)
    overrides.update({"web.host": host, "web.port": port})
    app = application.open_app(options.home, overrides=overrides)
    host, port = app.config.web.host, app.config.web.port
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"modbot dashboard on http://{shown}:{port}/ (Ctrl+C to stop)", err=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("Listening beyond this machine: serve it behind https (a reverse proxy that sets "
                   "X-Forwarded-Proto) so session cookies are marked Secure.", err=True)
    web.serve(app, host, port)
