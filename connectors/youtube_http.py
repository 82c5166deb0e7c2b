"""A one-attempt HTTP transport for google-api-python-client, with a timeout.

httplib2, the client's default transport, re-sends a request when the connection drops before the
status line arrives (its `_conn_request` retries on `BadStatusLine`), so a reply YouTube had already
saved could be posted twice. This transport opens a fresh connection for every request and sends
it exactly once; the connector decides what an unclear failure means. It speaks the small part of
`httplib2.Http.request` that googleapiclient and google-auth-httplib2 use.
"""

from __future__ import annotations

import gzip
import http.client
import ssl
import urllib.parse
import zlib
from collections.abc import Mapping
from typing import Any

import httplib2

DEFAULT_TIMEOUT = 30.0


class RequestNotSent(ConnectionError):
    """The connection could not be opened, so nothing reached the server: safe to try again."""


def _ca_file() -> str | None:
    try:
        import certifi

        return str(certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with requests, which google-auth uses
        return None


class OneShotHttp:
    """`request()` in httplib2's shape: one connection, one attempt, `timeout` seconds per socket op."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._tls = ssl.create_default_context(cafile=_ca_file())

    def request(
        self,
        uri: str,
        method: str = "GET",
        body: str | bytes | None = None,
        headers: Mapping[str, str] | None = None,
        redirections: int = 0,
        connection_type: Any = None,
        **_: Any,
    ) -> tuple[httplib2.Response, bytes]:
        parts = urllib.parse.urlsplit(uri)
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.hostname or "", parts.port, timeout=self.timeout, context=self._tls
            )
        elif parts.scheme == "http":
            connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=self.timeout)
        else:
            raise RequestNotSent(f"unsupported URL scheme {parts.scheme!r}")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        payload = body.encode("utf-8") if isinstance(body, str) else body
        try:
            try:
                connection.connect()
            except OSError as exc:
                raise RequestNotSent(f"cannot connect to {parts.hostname}: {exc}") from exc
            connection.request(method, target, body=payload, headers=dict(headers or {}))
            raw = connection.getresponse()
            content = raw.read()
            response = httplib2.Response(raw)
        finally:
            connection.close()
        return response, _decoded(response, content)

    def close(self) -> None:
        """Nothing is pooled; here because AuthorizedHttp.close() calls it."""


def _decoded(response: httplib2.Response, content: bytes) -> bytes:
    """Undo gzip/deflate (googleapiclient asks for them); leave anything undecodable as it came."""
    encoding = response.get("content-encoding", "").strip().lower()
    try:
        if encoding == "gzip":
            content = gzip.decompress(content)
        elif encoding == "deflate":
            try:
                content = zlib.decompress(content)
            except zlib.error:
                content = zlib.decompress(content, -zlib.MAX_WBITS)
        else:
            return content
    except (OSError, zlib.error, EOFError):
        return content
    response["-content-encoding"] = response.pop("content-encoding")
    response["content-length"] = str(len(content))
    return content
