"""Reddit's refresh-token flow for `modbot connect`, and the check of a secrets file's contents.

The person authorises the app once in a browser; Reddit sends them back to `redirect_uri` with a
code, which is exchanged for a permanent refresh token. When `redirect_uri` points at this machine
(http://127.0.0.1:<port>/... or localhost) a one-shot listener catches the code; otherwise the
person pastes the address they landed on.
"""

from __future__ import annotations

import logging
import secrets
import threading
import webbrowser
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import praw
import prawcore

from bot.config import AccountConfig
from bot.errors import ConfigError, ConnectorError, ReconnectRequired

logger = logging.getLogger(__name__)

# The least the connector needs: who am I (identity), read threads (read), my own comments and
# posts (history), inbox and DMs (privatemessages), replies (submit), removal where I moderate (modposts).
SCOPES = ("identity", "read", "history", "privatemessages", "submit", "modposts")
REQUIRED_KEYS = ("client_id", "client_secret", "refresh_token")
DEFAULT_REDIRECT_URI = "http://127.0.0.1:65010/authorize_callback"
DEFAULT_USER_AGENT = "modbot/0.1 (comment moderation for therapists)"
LISTEN_TIMEOUT = 300.0


def validate_credentials(data: Any) -> dict[str, str]:
    """The Reddit credentials in `data` (a secrets file's JSON), or ConfigError naming what is missing.

    `client_secret` may be empty (Reddit "installed app" clients have none) but must be present.
    """
    if not isinstance(data, Mapping):
        raise ConfigError(
            "Reddit credentials must be a JSON object with client_id, client_secret, refresh_token"
        )
    missing = [key for key in REQUIRED_KEYS if key not in data or data[key] is None]
    missing += [key for key in ("client_id", "refresh_token") if key not in missing and not data[key]]
    if missing:
        raise ConfigError(f"Reddit credentials are missing {', '.join(missing)}")
    wrong = [key for key in REQUIRED_KEYS if not isinstance(data[key], str)]
    if wrong:
        raise ConfigError(f"Reddit credentials: {', '.join(wrong)} must be text")
    return {key: str(data[key]) for key in REQUIRED_KEYS}


def interactive_connect(
    account: AccountConfig,
    client_id: str | Mapping[str, Any],
    client_secret: str | None = None,
    redirect_uri: str | None = None,
    *,
    open_browser: Callable[[str], Any] = webbrowser.open,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    timeout: float = LISTEN_TIMEOUT,
) -> dict[str, str]:
    """Walk a person through Reddit's consent page; return {client_id, client_secret, refresh_token}.

    `client_id` may instead be the app's client file as a mapping (`client_id`, `client_secret`,
    optional `redirect_uri`), which is how `modbot connect --client-secrets FILE` passes it.
    `redirect_uri` must be the one registered for the app at https://www.reddit.com/prefs/apps.
    """
    if isinstance(client_id, Mapping):
        app = client_id
        client_id = str(app.get("client_id") or "")
        client_secret = client_secret if client_secret is not None else str(app.get("client_secret") or "")
        redirect_uri = redirect_uri or (str(app["redirect_uri"]) if app.get("redirect_uri") else None)
    redirect_uri = redirect_uri or DEFAULT_REDIRECT_URI
    client_secret = client_secret or ""
    if not client_id:
        raise ConfigError("a Reddit client_id is needed (create an app at https://www.reddit.com/prefs/apps)")
    reddit = praw.Reddit(
        client_id=client_id,
        client_secret=client_secret or None,
        redirect_uri=redirect_uri,
        user_agent=account.user_agent or DEFAULT_USER_AGENT,
        reddit_url=account.reddit_url,
        oauth_url=account.oauth_url,
        check_for_updates=False,
    )
    state = secrets.token_urlsafe(16)
    url = reddit.auth.url(scopes=list(SCOPES), state=state, duration="permanent")
    target = urlparse(redirect_uri)
    local = target.scheme == "http" and target.hostname in ("127.0.0.1", "localhost") and target.port
    if local:
        assert target.port is not None
        listener = _CallbackListener(target.hostname or "127.0.0.1", target.port, target.path or "/")
        with listener:
            say(f"Opening Reddit's consent page. If no browser opens, visit:\n{url}")
            open_browser(url)
            query = listener.wait(timeout)
    else:
        say(f"Visit this address, allow access, then paste the address Reddit sent you to:\n{url}")
        query = parse_qs(urlparse(ask("Address after allowing: ").strip()).query)
    code = _code_from(query, state)
    try:
        refresh_token = reddit.auth.authorize(code)
        name = str(reddit.user.me())
    except prawcore.OAuthException as exc:
        raise ReconnectRequired(f"Reddit refused the authorisation code: {exc.error}") from None
    except prawcore.PrawcoreException as exc:
        raise ConnectorError(f"Reddit authorisation failed: {exc}") from None
    if not refresh_token:
        raise ConnectorError("Reddit returned no refresh token (was duration=permanent refused?)")
    if account.username and name.lower() != account.username.lower():
        raise ConfigError(
            f"you authorised u/{name}, but account {account.name!r} is for "
            f"u/{account.username}; log in to Reddit as u/{account.username} and retry"
        )
    logger.info("reddit account %s connected as u/%s", account.name, name)
    return {"client_id": client_id, "client_secret": client_secret or "", "refresh_token": refresh_token}


def _code_from(query: Mapping[str, list[str]], state: str) -> str:
    if "error" in query:
        raise ConnectorError(f"Reddit did not grant access: {query['error'][0]}")
    if query.get("state", [""])[0] != state:
        raise ConnectorError("the answer from Reddit does not match this request (state differs); try again")
    code = query.get("code", [""])[0]
    if not code:
        raise ConnectorError("Reddit's answer carried no authorisation code")
    return code


class _CallbackListener:
    """One-shot HTTP server on 127.0.0.1 that records the query of the redirect back from Reddit."""

    def __init__(self, host: str, port: int, path: str) -> None:
        self.query: dict[str, list[str]] | None = None
        self.done = threading.Event()
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                parsed = urlparse(self.path)
                if parsed.path.rstrip("/") != path.rstrip("/"):
                    self.send_error(404)
                    return
                listener.query = parse_qs(parsed.query)
                body = b"<p>modbot is connected to Reddit. You can close this tab.</p>"
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                listener.done.set()

        try:
            self._server = HTTPServer((host, port), Handler)
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {host}:{port} for Reddit's redirect: {exc.strerror}"
            ) from None
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    def __enter__(self) -> _CallbackListener:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def wait(self, timeout: float) -> dict[str, list[str]]:
        if not self.done.wait(timeout) or self.query is None:
            raise ConnectorError(f"no answer from Reddit within {int(timeout)} seconds; run connect again")
        return self.query
