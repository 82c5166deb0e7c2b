"""Sign-in, sessions, idle timeout, security headers and login rate limiting.

Sessions are Flask's signed cookies (key in `secrets/web.key`, never in the database or logs),
HttpOnly and SameSite=Lax, and Secure whenever the request came over https (directly or through
a proxy that sets X-Forwarded-Proto). The signed-in user is re-read from the database on every
request, so a deactivated user or a changed password ends existing sessions.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

from flask import Flask, Response, g, request, session
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select

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
    """Marks the cookie Secure when this request arrived over https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def password_fingerprint(user: User) -> str:
    """Changes when the password does; kept in the session to end sessions after a change."""
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def sign_in(user: User) -> None:
    session.clear()
    session["uid"] = user.id
    session["pw"] = password_fingerprint(user)
    session["seen"] = int(time.time())
    session.permanent = False


def sign_out() -> None:
    session.clear()


def load_current_user(app: App, idle_timeout_seconds: float) -> str | None:
    """Set `g.user` from the session. Returns why a session ended ("idle", "changed") or None."""
    g.user = None
    uid = session.get("uid")
    if uid is None:
        return None
    now = int(time.time())
    if now - int(session.get("seen", 0)) > idle_timeout_seconds:
        sign_out()
        return "idle"
    with app.reads() as db:
        user = db.scalar(select(User).where(User.id == uid, User.active.is_(True)))
        if user is None or session.get("pw") != password_fingerprint(user):
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
