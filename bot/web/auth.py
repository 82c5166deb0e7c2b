"""Sign in and out. Only POST signs in. Failed sign-ins are limited per client address
(flask-limiter) and per user name with backoff (bot.web.throttle), which a browser that signed in
as that name before is not held back by."""

from __future__ import annotations

import logging
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter import Limiter
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from bot import users
from bot.models import User
from bot.web import access, security
from bot.web.context import modbot
from bot.web.throttle import LoginThrottle

logger = logging.getLogger(__name__)


def _safe_next(target: str | None) -> str:
    # Only paths on this site: "//evil.example" or "https://..." would be an open redirect.
    # Browsers drop tabs and newlines and read "\\" as "/", so those could turn "/x" into "//host".
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and not any(ch.isspace() or ord(ch) < 32 for ch in target)):
        return target
    return url_for("review.queue")


def _submitted_name() -> str:
    return (request.form.get("username") or "").strip().lower()[:100]


DEVICE_COOKIE = "modbot_device"
DEVICE_MAX_AGE = 180 * 86400


def _devices() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt="modbot-device")


def _device_name() -> str | None:
    """The user name this browser signed in as before (signed cookie), or None."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        found = _devices().loads(raw, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return None
    return found if isinstance(found, str) else None


def _too_many(wait: float) -> Any:
    minutes = max(1, int(wait // 60) + (1 if wait % 60 else 0))
    flash(f"Too many failed sign-ins for this name. Try again in {minutes} min.", "error")
    response = make_response(render_template("login.html", next=request.form.get("next", "")), 429)
    response.headers["Retry-After"] = str(int(wait) + 1)
    return response


def build(limiter: Limiter, attempts_per_minute: int) -> Blueprint:
    blueprint = Blueprint("auth", __name__)
    limit = f"{max(attempts_per_minute, 1)} per minute"
    throttle = LoginThrottle(attempts_per_minute)
    users.dummy_hash()  # made now, so the first unknown name costs no more than later ones

    def failed(response: Response) -> bool:
        return response.status_code != 303  # only failed attempts count against the limit

    # GET (and HEAD, which Flask answers as GET) only ever shows the form: a form body sent
    # with any method but POST is ignored, and only POST is limited and CSRF-checked.
    @blueprint.route("/login", methods=["GET", "POST"])
    @access.allow(access.PUBLIC)
    @limiter.limit(limit, methods=["POST"], deduct_when=failed)  # per client address
    def login() -> Any:
        if request.method != "POST":
            if security.current_user() is not None:
                return redirect(_safe_next(request.args.get("next")))
            return render_template("login.html", next=request.args.get("next", ""))
        key_name = _submitted_name()
        address = request.remote_addr or "-"
        client = throttle.client_key(key_name, address, _device_name() == key_name)
        wait = throttle.wait(key_name, client)
        if wait > 0:
            logger.info("sign-in refused (backoff) from %s", address)
            return _too_many(wait)
        name = (request.form.get("username") or "").strip()
        password = request.form.get("password") or ""
        with modbot().reads() as db:
            user = db.scalar(select(User).where(User.name == name, User.active.is_(True)))
            # Always one argon2 verification (a dummy hash for unknown names): same cost.
            ok = users.check_password(user, password)
            if ok and user is not None:
                security.sign_in(user)
        if not ok:
            throttle.failed(key_name, client)
            logger.info("failed sign-in from %s", address)
            flash("Wrong user name or password.", "error")
            return render_template("login.html", next=request.form.get("next", "")), 401
        throttle.succeeded(key_name, client, address)
        logger.info("user %s signed in", name)
        response = redirect(_safe_next(request.form.get("next")), code=303)
        response.set_cookie(
            DEVICE_COOKIE, _devices().dumps(key_name), max_age=DEVICE_MAX_AGE, httponly=True,
            samesite="Lax", secure=request.is_secure, path="/login",
        )
        return response

    @blueprint.route("/logout", methods=["POST"])
    @access.allow("signed_in")
    def logout() -> Any:
        user = security.current_user()
        if user is not None:
            security.end_sessions(modbot(), user.id)  # a copied cookie stops working too
        security.sign_out()
        flash("Signed out.", "info")
        return redirect(url_for("auth.login"), code=303)

    return blueprint
