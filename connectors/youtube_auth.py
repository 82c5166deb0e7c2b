"""Connecting a YouTube channel: Google's installed-app OAuth flow and the authorized-user format.

`interactive_connect` walks a person through consent (a browser on this machine, or copy and paste
from any browser) and returns the dict `modbot connect` writes to `secrets/<name>.json`;
`validate_credentials` checks a dict read from such a file (or imported with `--from-file`).
"""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

from bot.config import AccountConfig
from bot.errors import ConfigError, ReconnectRequired

logger = logging.getLogger(__name__)

SCOPES = ["https://www.googleapis.com/auth/youtube.force-ssl"]
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
REQUIRED_KEYS = ("client_id", "client_secret", "refresh_token")


def validate_credentials(data: Any) -> dict[str, str]:
    """The authorized-user dict with `type` and `token_uri` filled in; ConfigError names what is missing."""
    if not isinstance(data, Mapping):
        raise ConfigError("YouTube credentials must be a JSON object in Google's authorized-user format")
    if data.get("type", "authorized_user") != "authorized_user":
        raise ConfigError(
            f"YouTube credentials have type {data.get('type')!r}; expected 'authorized_user' "
            "(a client-secrets or service-account file is not a connected channel)"
        )
    missing = [key for key in REQUIRED_KEYS if not isinstance(data.get(key), str) or not data[key].strip()]
    if missing:
        raise ConfigError(f"YouTube credentials are missing {', '.join(missing)}")
    token_uri = data.get("token_uri") or GOOGLE_TOKEN_URI
    if not isinstance(token_uri, str) or urllib.parse.urlsplit(token_uri).scheme not in ("http", "https"):
        raise ConfigError(f"YouTube credentials have an invalid token_uri {token_uri!r}")
    return {
        "type": "authorized_user",
        "client_id": data["client_id"].strip(),
        "client_secret": data["client_secret"].strip(),
        "refresh_token": data["refresh_token"].strip(),
        "token_uri": token_uri,
    }


def _client_config(client_secrets: Mapping[str, Any]) -> dict[str, Any]:
    """Google's client-secrets JSON (`{"installed": {...}}`), with the keys the flow needs checked."""
    section = next((key for key in ("installed", "web") if key in client_secrets), None)
    if section is None or not isinstance(client_secrets[section], Mapping):
        raise ConfigError(
            "client secrets must be the JSON Google Cloud Console downloads for an OAuth client of type "
            "'Desktop app' (it starts with {\"installed\": ...})"
        )
    config = dict(client_secrets[section])
    missing = [key for key in ("client_id", "client_secret") if not config.get(key)]
    if missing:
        raise ConfigError(f"client secrets are missing {', '.join(missing)}")
    config.setdefault("auth_uri", "https://accounts.google.com/o/oauth2/auth")
    config.setdefault("token_uri", GOOGLE_TOKEN_URI)
    return {section: config}


def interactive_connect(
    account: AccountConfig,
    client_secrets: Mapping[str, Any],
    *,
    console: bool = False,
    open_browser: bool = True,
    prompt: Callable[[str], str] = input,
    echo: Callable[[str], None] = print,
    timeout_seconds: int | None = 300,
) -> dict[str, str]:
    """Run the consent flow for scope youtube.force-ssl; return the authorized-user dict.

    Default: a one-shot web server on 127.0.0.1 receives Google's redirect (the browser must run on
    this machine). `console=True`: print the consent address, and the person pastes back the address
    their browser was sent to (it fails to load; that is expected), for machines without a browser.
    """
    from google_auth_oauthlib.flow import InstalledAppFlow

    flow = InstalledAppFlow.from_client_config(_client_config(client_secrets), scopes=SCOPES)
    # offline + consent: Google only returns a refresh token when asked for one explicitly.
    consent = {"access_type": "offline", "prompt": "consent"}
    try:
        if console:
            flow.redirect_uri = "http://127.0.0.1:1/"
            url, _state = flow.authorization_url(**consent)
            echo(f"Open this address in a browser signed in to the channel's Google account:\n{url}")
            echo("After you allow access the browser goes to an address that does not load; copy it.")
            answer = prompt("Paste that address here: ").strip()
            if "code=" not in answer:
                raise ConfigError("that address holds no authorization code; run `modbot connect` again")
            # oauthlib insists on https for the redirect it parses; the loopback redirect is http.
            flow.fetch_token(authorization_response=answer.replace("http://", "https://", 1))
        else:
            flow.run_local_server(
                host="127.0.0.1",
                port=0,
                open_browser=open_browser,
                timeout_seconds=timeout_seconds,
                authorization_prompt_message="Open this address to connect the channel: {url}",
                success_message="modbot is connected. You can close this tab.",
                **consent,
            )
    except ConfigError:
        raise
    except Exception as exc:  # oauthlib, requests and wsgiref raise many unrelated types
        logger.info("YouTube consent for %s failed: %s", account.name, exc.__class__.__name__)
        raise ReconnectRequired(
            f"{account.name}: connecting to Google failed ({exc.__class__.__name__}); try again",
            account=account.name,
        ) from None
    creds = flow.credentials
    if not creds.refresh_token:
        raise ReconnectRequired(
            f"{account.name}: Google returned no refresh token; remove modbot's access at "
            "https://myaccount.google.com/permissions and connect again",
            account=account.name,
        )
    return validate_credentials(
        {
            "type": "authorized_user",
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
            "refresh_token": creds.refresh_token,
            "token_uri": creds.token_uri,
        }
    )
