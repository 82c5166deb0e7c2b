"""`modbot connect` for Reddit: the refresh-token flow and the check of a secrets file."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from bot.errors import ConfigError, ConnectorError
from connectors.reddit import build
from connectors.reddit_auth import SCOPES, interactive_connect, validate_credentials
from tests.fakes.reddit import FakeReddit


@pytest.fixture
def reddit_server() -> Iterator[FakeReddit]:
    with FakeReddit() as server:
        yield server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Browser:
    """Plays the person: opens the consent page, which the fake answers by redirecting back."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str) -> None:
        self.opened.append(url)
        requests.get(url, timeout=5)  # follows the redirect to the local listener


def test_local_redirect_flow_returns_credentials_that_poll(reddit_server):
    s = reddit_server
    browser = Browser()
    said: list[str] = []
    redirect_uri = f"http://127.0.0.1:{free_port()}/authorize_callback"

    data = interactive_connect(
        s.account(),
        s.client_id,
        s.client_secret,
        redirect_uri,
        open_browser=browser.open,
        say=said.append,
        timeout=10,
    )

    assert data == s.secrets()
    consent = urlparse(browser.opened[0])
    query = parse_qs(consent.query)
    assert consent.path == "/api/v1/authorize"
    assert query["duration"] == ["permanent"] and query["redirect_uri"] == [redirect_uri]
    assert set(query["scope"][0].split()) == set(SCOPES)
    assert browser.opened[0] in said[0]
    assert all(s.refresh_token not in line and s.client_secret not in line for line in said)
    # the credentials work for the connector
    assert build(s.account(), data).verify() == s.username


def test_paste_the_address_when_the_redirect_is_not_this_machine(reddit_server):
    s = reddit_server
    said: list[str] = []

    def paste(prompt: str) -> str:
        consent_url = said[0].splitlines()[-1]
        answer = requests.get(consent_url, allow_redirects=False, timeout=5)
        return answer.headers["location"]

    data = interactive_connect(
        s.account(),
        s.client_id,
        s.client_secret,
        "https://modbot.example/callback",
        ask=paste,
        say=said.append,
    )
    assert data["refresh_token"] == s.refresh_token


def test_a_tampered_state_is_refused(reddit_server):
    s = reddit_server
    said: list[str] = []

    def paste(prompt: str) -> str:
        location = requests.get(said[0].splitlines()[-1], allow_redirects=False, timeout=5).headers[
            "location"
        ]
        return location.replace("state=", "state=x")

    with pytest.raises(ConnectorError, match="state"):
        interactive_connect(
            s.account(),
            s.client_id,
            s.client_secret,
            "https://modbot.example/callback",
            ask=paste,
            say=said.append,
        )


def test_authorising_the_wrong_reddit_user_is_refused(reddit_server):
    s = reddit_server
    redirect_uri = f"http://127.0.0.1:{free_port()}/cb"
    with pytest.raises(ConfigError, match="u/someone_else"):
        interactive_connect(
            s.account(username="someone_else"),
            s.client_id,
            s.client_secret,
            redirect_uri,
            open_browser=Browser().open,
            say=lambda line: None,
            timeout=10,
        )


def test_the_listener_gives_up_after_its_timeout(reddit_server):
    s = reddit_server
    redirect_uri = f"http://127.0.0.1:{free_port()}/cb"
    with pytest.raises(ConnectorError, match="no answer from Reddit"):
        interactive_connect(
            s.account(),
            s.client_id,
            s.client_secret,
            redirect_uri,
            open_browser=lambda url: None,
            say=lambda line: None,
            timeout=0.2,
        )


def test_validate_credentials_names_what_is_missing():
    with pytest.raises(ConfigError, match="client_secret, refresh_token"):
        validate_credentials({"client_id": "abc"})
    with pytest.raises(ConfigError, match="refresh_token"):
        validate_credentials({"client_id": "abc", "client_secret": "s", "refresh_token": ""})
    with pytest.raises(ConfigError, match="JSON object"):
        validate_credentials(["client_id"])
    with pytest.raises(ConfigError, match="must be text"):
        validate_credentials({"client_id": "abc", "client_secret": 5, "refresh_token": "r"})


def test_validate_credentials_keeps_only_the_three_keys_and_allows_an_installed_app():
    data = {"client_id": "abc", "client_secret": "", "refresh_token": "r", "note": "extra"}
    assert validate_credentials(data) == {"client_id": "abc", "client_secret": "", "refresh_token": "r"}


def test_wrong_client_secret_is_reconnect_required(reddit_server):
    from bot.domain import Budget
    from bot.errors import ReconnectRequired

    secrets = dict(reddit_server.secrets(), client_secret="wrong")
    result = build(reddit_server.account(), secrets).poll({}, Budget(limit=None))
    assert isinstance(result.error, ReconnectRequired)


def test_fake_server_is_reusable_as_a_context_manager():
    with FakeReddit(username="other_therapist") as server:
        assert server.reddit_url.startswith("http://127.0.0.1:")
        assert build(server.account(), server.secrets()).verify() == "other_therapist"


def test_connect_accepts_the_client_file_as_a_mapping(reddit_server):
    s = reddit_server
    client_file = {
        "client_id": s.client_id,
        "client_secret": s.client_secret,
        "redirect_uri": f"http://127.0.0.1:{free_port()}/authorize_callback",
    }
    data = interactive_connect(
        s.account(), client_file, open_browser=Browser().open, say=lambda line: None, timeout=10
    )
    assert data == s.secrets()
