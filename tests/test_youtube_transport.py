"""Why the YouTube connector has its own transport: httplib2 re-sends a POST on a dropped connection."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

import google_auth_httplib2
import httplib2
import pytest
from google.oauth2.credentials import Credentials
from googleapiclient import discovery

from connectors.youtube_http import OneShotHttp, RequestNotSent, _decoded
from tests.fakes.youtube import FakeYouTube


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTube]:
    with FakeYouTube() as server:
        yield server


def _insert_once(server: FakeYouTube, transport: object) -> None:
    secrets = server.secrets()
    credentials = Credentials(
        None,
        refresh_token=secrets["refresh_token"],
        token_uri=secrets["token_uri"],
        client_id=secrets["client_id"],
        client_secret=secrets["client_secret"],
    )
    api = discovery.build(
        "youtube",
        "v3",
        http=google_auth_httplib2.AuthorizedHttp(credentials, http=transport),
        static_discovery=True,
        client_options={"api_endpoint": server.endpoint},
    )
    parent = server.add_comment(server.add_video(), "comment")
    server.fail_next("comments", kind="reset", after_save=True, method="POST")
    try:
        api.comments().insert(
            part="snippet", body={"snippet": {"parentId": parent, "textOriginal": "hi"}}
        ).execute(num_retries=0)
    except (OSError, ValueError):
        pass


def test_httplib2_posts_twice_when_the_connection_drops_after_the_save(youtube_server: FakeYouTube) -> None:
    _insert_once(youtube_server, httplib2.Http(timeout=2))
    assert len(youtube_server.replies_posted) == 2  # the hazard this module exists for


def test_the_one_shot_transport_posts_once(youtube_server: FakeYouTube) -> None:
    _insert_once(youtube_server, OneShotHttp(timeout=2))
    assert len(youtube_server.replies_posted) == 1


def test_nothing_is_sent_when_the_connection_cannot_be_opened(youtube_server: FakeYouTube) -> None:
    port = youtube_server.endpoint.rsplit(":", 1)[1].rstrip("/")
    youtube_server.stop()
    with pytest.raises(RequestNotSent):
        OneShotHttp(timeout=1).request(f"http://127.0.0.1:{port}/youtube/v3/comments", "POST", body="{}")


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("deflate", lambda b: zlib.compress(b)[2:-4])],
)
def test_compressed_answers_are_decoded(encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    response = httplib2.Response({"status": "200", "content-encoding": encoding})
    assert _decoded(response, encode(b'{"items": []}')) == b'{"items": []}'
    assert "content-encoding" not in response


def test_undecodable_answers_are_passed_on_unchanged() -> None:
    response = httplib2.Response({"status": "200", "content-encoding": "gzip"})
    assert _decoded(response, b"not gzip") == b"not gzip"
