"""Sign-in, sessions, idle timeout, security headers and login rate limiting.

Sessions are Flask's signed cookies (key in `secrets/web.key`, never in the database or logs),
HttpOnly and SameSite=Lax, and Secure whenever the request came over https (directly or through
a proxy in `[web] trusted_proxies` that sets X-Forwarded-Proto). The signed-in user is re-read
from the database on every request and the cookie's session version compared with the user's, so
logout, a password or role change and deactivation end every session, copied cookies included.
Sessions also end after `[web] idle_timeout` without a request and `[web] session_lifetime` after
sign-in.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, g, request, session
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from sqlalchemy import select
from werkzeug.middleware.proxy_fix import ProxyFix

from bot import users
from bot.app import App
from bot.models import User

logger = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@dataclass(frozen=True)
class CurrentUser:
    id: int
    name: str
    role: str


class HttpsAwareSessionInterface(SecureCookieSessionInterface):
    """Marks the cookie Secure when this request arrived over https, and never answers a
    cookieless state-changing request with a new session cookie: a cross-site POST arrives
    without the SameSite=Lax cookie, and a fresh anonymous cookie in its answer would replace the
    real one in the browser, silently signing the user out."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        carried = self.get_cookie_name(app) in request.cookies
        if not carried and request.method not in SAFE_METHODS and "uid" not in session:
            return
        super().save_session(app, session, response)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TrustedProxies:
    """WSGI middleware: believe X-Forwarded-Proto and X-Forwarded-For (one hop, werkzeug's
    ProxyFix) only when the connection comes from a configured proxy address; from anyone else
    those headers are ignored, so a client cannot fake https or its address."""

    def __init__(self, wsgi_app: Any, trusted: Iterable[str]) -> None:
        self.plain = wsgi_app
        self.fixed = ProxyFix(wsgi_app, x_for=1, x_proto=1, x_host=0)
        self.networks = [ipaddress.ip_network(entry, strict=False) for entry in trusted]

    def trusts(self, address: str | None) -> bool:
        try:
            peer = ipaddress.ip_address((address or "").split("%")[0])
        except ValueError:
            return False
        if isinstance(peer, ipaddress.IPv6Address) and peer.ipv4_mapped is not None:
            peer = peer.ipv4_mapped
        return any(peer in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.networks and self.trusts(environ.get("REMOTE_ADDR")):
            return self.fixed(environ, start_response)
        for key in [k for k in environ if k.startswith("HTTP_X_FORWARDED_")]:
            del environ[key]  # not from a trusted proxy: nothing downstream may believe them
        return self.plain(environ, start_response)


def password_fingerprint(user: User) -> str:
    """Changes when the password does; kept in the session to end sessions after a change."""
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def sign_in(user: User) -> None:
    now = int(time.time())
    session.clear()
    session["uid"] = user.id
    session["pw"] = password_fingerprint(user)
    session["sv"] = user.session_version
    session["start"] = now
    session["seen"] = now
    session.permanent = False


def sign_out() -> None:
    session.clear()


def end_sessions(app: App, user_id: int) -> None:
    """End every session of this user, copies of the cookie included (the session version in
    each cookie no longer matches)."""
    with app.sessions.begin() as db:
        user = db.get(User, user_id)
        if user is not None:
            users.end_sessions(user)


def load_current_user(
    app: App, idle_timeout_seconds: float, lifetime_seconds: float | None = None
) -> str | None:
    """Set `g.user` from the session. Returns why a session ended ("idle", "expired",
    "changed") or None."""
    g.user = None
    uid = session.get("uid")
    if uid is None:
        return None
    now = int(time.time())
    if now - int(session.get("seen", 0)) > idle_timeout_seconds:
        sign_out()
        return "idle"
    if lifetime_seconds is not None and now - int(session.get("start", 0)) > lifetime_seconds:
        sign_out()
        return "expired"
    with app.reads() as db:
        user = db.scalar(select(User).where(User.id == uid, User.active.is_(True)))
        if (user is None or session.get("pw") != password_fingerprint(user)
                or session.get("sv") != user.session_version):
            sign_out()
            return "changed"
        g.user = CurrentUser(id=user.id, name=user.name, role=user.role)
    session["seen"] = now
    return None


def current_user() -> CurrentUser | None:
    found: CurrentUser | None = g.get("user")
    return found


def add_security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    if request.endpoint != "static":
        # Pages hold comment text: keep them out of shared and back-button caches.
        response.headers["Cache-Control"] = "no-store"
    return response
