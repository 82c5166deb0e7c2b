"""Connecting a channel: the installed-app flow against the fake token endpoint; the secrets format."""

from __future__ import annotations

import http.client
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from bot.config import AccountConfig
from bot.domain import Budget
from bot.errors import ConfigError, ReconnectRequired
from connectors import youtube
from connectors.youtube_auth import interactive_connect, validate_credentials
from tests.fakes.youtube import FakeYouTube


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


@pytest.fixture
def insecure_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """oauthlib insists on https; the fake token endpoint is plain http on 127.0.0.1."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


def test_validate_credentials_fills_in_defaults() -> None:
    data = validate_credentials({"client_id": " id ", "client_secret": "secret", "refresh_token": "token"})
    assert data == {
        "type": "authorized_user",
        "client_id": "id",
        "client_secret": "secret",
        "refresh_token": "token",
        "token_uri": "https://oauth2.googleapis.com/token",
    }


def test_validate_credentials_names_what_is_missing() -> None:
    with pytest.raises(ConfigError, match="missing client_secret, refresh_token"):
        validate_credentials({"client_id": "id", "refresh_token": ""})
    with pytest.raises(ConfigError, match="service_account"):
        validate_credentials({"type": "service_account", "client_id": "x"})
    with pytest.raises(ConfigError, match="JSON object"):
        validate_credentials(["not", "a", "dict"])
    with pytest.raises(ConfigError, match="token_uri"):
        validate_credentials(
            {"client_id": "a", "client_secret": "b", "refresh_token": "c", "token_uri": "ftp://x"}
        )


def test_build_without_or_with_broken_credentials_asks_for_a_reconnect(youtube_server: FakeYouTube) -> None:
    with pytest.raises(ReconnectRequired, match="modbot connect channel"):
        youtube.build(youtube_server.account(), None)
    with pytest.raises(ReconnectRequired, match="missing refresh_token"):
        youtube.build(youtube_server.account(), {"client_id": "a", "client_secret": "b"})
    with pytest.raises(ConfigError, match="reddit"):
        youtube.build(youtube_server.account(platform="reddit"), youtube_server.secrets())


def test_the_secrets_token_uri_is_honoured(youtube_server: FakeYouTube) -> None:
    connector = youtube.build(youtube_server.account(), youtube_server.secrets())
    result = connector.poll({}, Budget(limit=None))
    assert result.error is None
    assert youtube_server.token_requests == 1


def _consent(server: FakeYouTube, auth_url: str) -> str:
    """What the browser does: ask the (fake) consent page, which redirects with a code."""
    parts = urllib.parse.urlsplit(auth_url)
    assert parts.path.endswith("/auth")
    query = urllib.parse.parse_qs(parts.query)
    assert query["scope"] == ["https://www.googleapis.com/auth/youtube.force-ssl"]
    assert query["access_type"] == ["offline"] and query["prompt"] == ["consent"]
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    try:
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        response.read()
        assert response.status == 302
        return response.getheader("Location") or ""
    finally:
        connection.close()


def test_console_connect_returns_an_authorized_user_dict(
    youtube_server: FakeYouTube, insecure_loopback: None
) -> None:
    shown: list[str] = []

    def paste_back(question: str) -> str:
        url = next(line.split()[-1] for line in shown if "/auth?" in line)
        return _consent(youtube_server, url)

    data = interactive_connect(
        youtube_server.account(),
        youtube_server.client_secrets(),
        console=True,
        prompt=paste_back,
        echo=shown.append,
    )

    assert data == youtube_server.secrets()
    result = youtube.build(youtube_server.account(), data).poll({}, Budget(limit=None))
    assert result.error is None


def test_browser_connect_receives_the_redirect_on_loopback(
    youtube_server: FakeYouTube, insecure_loopback: None, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    visits: list[threading.Thread] = []

    class Browser:
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            def visit() -> None:
                with urllib.request.urlopen(url, timeout=5) as page:  # follows the redirect to 127.0.0.1
                    page.read()

            thread = threading.Thread(target=visit)
            thread.start()
            visits.append(thread)
            return True

    monkeypatch.setattr("webbrowser.get", lambda using=None: Browser())
    data = interactive_connect(youtube_server.account(), youtube_server.client_secrets(), timeout_seconds=10)
    for thread in visits:
        thread.join(timeout=5)
    assert data["refresh_token"] == youtube_server.refresh_token
    assert data["token_uri"] == youtube_server.token_uri
    assert "Open this address to connect the channel" in capsys.readouterr().out


def test_a_refused_consent_asks_to_try_again(youtube_server: FakeYouTube, insecure_loopback: None) -> None:
    with pytest.raises(ReconnectRequired, match="try again"):
        interactive_connect(
            youtube_server.account(),
            youtube_server.client_secrets(),
            console=True,
            prompt=lambda question: "http://127.0.0.1:1/?code=forged&state=wrong",
            echo=lambda line: None,
        )
    with pytest.raises(ConfigError, match="no authorization code"):
        interactive_connect(
            youtube_server.account(),
            youtube_server.client_secrets(),
            console=True,
            prompt=lambda question: "http://127.0.0.1:1/?error=access_denied",
            echo=lambda line: None,
        )


def test_client_secrets_must_be_a_desktop_client() -> None:
    account = AccountConfig(name="channel", platform="youtube", channel_id="UC1")
    with pytest.raises(ConfigError, match="Desktop app"):
        interactive_connect(account, {"type": "authorized_user"})
    with pytest.raises(ConfigError, match="missing client_secret"):
        interactive_connect(account, {"installed": {"client_id": "x"}})
