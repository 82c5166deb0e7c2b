"""Sign in and out. Failed sign-ins are rate limited per client address and per user name."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_limiter import Limiter
from sqlalchemy import select

from bot.models import User
from bot.users import check_password
from bot.web import access, security
from bot.web.context import modbot

logger = logging.getLogger(__name__)


def _safe_next(target: str | None) -> str:
    # Only paths on this site: "//evil.example" or "https://..." would be an open redirect.
    # Browsers drop tabs and newlines and read "\\" as "/", so those could turn "/x" into "//host".
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and not any(ch.isspace() or ord(ch) < 32 for ch in target)):
        return target
    return url_for("review.queue")


def _submitted_name() -> str:
    return "user:" + (request.form.get("username") or "").strip().lower()[:100]


def build(limiter: Limiter, attempts_per_minute: int) -> Blueprint:
    blueprint = Blueprint("auth", __name__)
    limit = f"{max(attempts_per_minute, 1)} per minute"

    def failed(response: Response) -> bool:
        return response.status_code != 303  # only failed attempts count against the limit

    @blueprint.route("/login", methods=["GET", "POST"])
    @access.allow(access.PUBLIC)
    @limiter.limit(limit, methods=["POST"], deduct_when=failed)
    @limiter.limit(limit, methods=["POST"], deduct_when=failed, key_func=_submitted_name)
    def login() -> Any:
        if request.method == "GET":
            if security.current_user() is not None:
                return redirect(_safe_next(request.args.get("next")))
            return render_template("login.html", next=request.args.get("next", ""))
        name = (request.form.get("username") or "").strip()
        password = request.form.get("password") or ""
        with modbot().reads() as db:
            user = db.scalar(select(User).where(User.name == name, User.active.is_(True)))
            ok = user is not None and check_password(user, password)
            if ok and user is not None:
                security.sign_in(user)
        if not ok:
            logger.info("failed sign-in from %s", request.remote_addr)
            flash("Wrong user name or password.", "error")
            return render_template("login.html", next=request.form.get("next", "")), 401
        logger.info("user %s signed in", name)
        return redirect(_safe_next(request.form.get("next")), code=303)

    @blueprint.route("/logout", methods=["POST"])
    @access.allow("signed_in")
    def logout() -> Any:
        security.sign_out()
        flash("Signed out.", "info")
        return redirect(url_for("auth.login"), code=303)

    return blueprint
