"""The review dashboard: a server-rendered Flask app over the workflow API (bot.approval).

`create_app(app)` builds it; `serve(app, host, port)` runs it under waitress. Every route names
its permission (bot.web.access) and every state change needs a CSRF token (Flask-WTF).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from flask import Flask, Response, flash, jsonify, redirect, render_template, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from bot.app import App
from bot.domain import CATEGORIES
from bot.errors import InvalidTransition, NotFound, PermissionDenied
from bot.web import access, security

logger = logging.getLogger(__name__)

EXTENSION = "modbot"


def create_app(app: App, *, testing: bool = False) -> Flask:
    web = Flask(__name__)
    web.config.update(
        SECRET_KEY=app.secrets.key("web"),
        TESTING=testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,  # set per request when it came over https
        SESSION_COOKIE_NAME="modbot_session",
        # The token lives as long as the session; the idle timeout ends both.
        WTF_CSRF_TIME_LIMIT=None,
        # Referrer-Policy no-referrer means browsers send no Referer, which the strict https
        # check needs; SameSite=Lax cookies plus the token carry the protection.
        WTF_CSRF_SSL_STRICT=False,
        MAX_CONTENT_LENGTH=1_000_000,
        TEMPLATES_AUTO_RELOAD=False,
    )
    web.session_interface = security.HttpsAwareSessionInterface()
    # X-Forwarded-Proto / -For are believed only from `[web] trusted_proxies` (Secure cookies,
    # HSTS and the client address for the sign-in limits behind nginx or Caddy); from anyone
    # else they are ignored, so a client cannot fake https or dodge the limits.
    web.wsgi_app = security.TrustedProxies(  # type: ignore[method-assign]
        web.wsgi_app, app.config.web.trusted_proxies
    )
    web.extensions[EXTENSION] = app

    CSRFProtect(web)
    limiter = Limiter(get_remote_address, app=web, storage_uri="memory://",
                      default_limits=[], headers_enabled=False)
    web.extensions["modbot_login_limit"] = limiter

    from bot.web import audit_view, auth, review, stats_view

    web.register_blueprint(auth.build(limiter, app.config.web.login_attempts_per_minute))
    web.register_blueprint(review.blueprint)
    web.register_blueprint(audit_view.blueprint)
    web.register_blueprint(stats_view.blueprint)
    web.view_functions["static"] = access.allow(access.PUBLIC)(web.view_functions["static"])

    idle = app.config.web.idle_timeout.total_seconds()
    lifetime = app.config.web.session_lifetime.total_seconds()

    @web.before_request
    def check_access() -> Any:
        if request.endpoint == "static":
            return None  # public files: no database round trip, no session refresh
        ended = security.load_current_user(app, idle, lifetime)
        view = web.view_functions.get(request.endpoint or "")
        permission = access.permission_of(view)
        if view is None:
            return None  # 404/405 are raised by routing
        user = security.current_user()
        if permission is None:
            logger.error("route %s has no permission set: refused", request.endpoint)
            return _error_page(403, "This page is not available.")
        if user is None and permission != access.PUBLIC:
            if ended == "idle":
                flash("You were signed out after a period of inactivity.", "info")
            elif ended == "expired":
                flash("Your session reached its time limit: please sign in again.", "info")
            if request.method == "GET" and not request.path.startswith("/api/"):
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            return _error_page(401, "Please sign in.")
        if not access.permits(user.role if user else None, permission):
            logger.info("refused %s to %s (%s)", request.endpoint, user.name if user else "-",
                        user.role if user else "anonymous")
            return _error_page(403, "Your role does not allow this.")
        return None

    web.after_request(security.add_security_headers)

    web.add_template_filter(brief)

    @web.context_processor
    def globals_for_templates() -> dict[str, Any]:
        return {"current_user": security.current_user(), "categories": CATEGORIES,
                "practice": app.config.practice, "ago": ago}

    @web.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError) -> Any:
        return _error_page(400, "This form has expired or did not come from the dashboard. "
                                "Reload the page and try again.")

    @web.errorhandler(PermissionDenied)
    def permission_denied(error: PermissionDenied) -> Any:
        return _error_page(403, str(error))

    @web.errorhandler(InvalidTransition)
    def invalid_transition(error: InvalidTransition) -> Any:
        return _error_page(409, str(error))

    @web.errorhandler(NotFound)
    def not_found(error: NotFound) -> Any:
        return _error_page(404, str(error))

    @web.errorhandler(OverflowError)
    def id_out_of_range(error: OverflowError) -> Any:  # /items/<a number past any database id>
        return _error_page(404, "No such item.")

    @web.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        return _error_page(error.code or 500, error.description or error.name)

    return web


def _error_page(status: int, message: str) -> tuple[str, int] | Response:
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify(error=message, status=status), status  # type: ignore[return-value]
    return render_template("error.html", status=status, message=message), status


def brief(value: Any, limit: int = 160) -> str:
    """A short one-line rendering of an audit value (the downloads carry it in full)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """'5 min ago' style ages for the queue."""
    if moment is None:
        return ""
    from bot.models import utcnow

    seconds = int(((now or utcnow()) - moment).total_seconds())
    if seconds < 0:
        return "just now"
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return "just now"


def serve(app: App, host: str, port: int) -> None:
    """Run the dashboard under waitress until interrupted."""
    import waitress  # type: ignore[import-untyped,unused-ignore]

    # waitress would drop every X-Forwarded-* header; bot.web.security.TrustedProxies decides
    # instead, from `[web] trusted_proxies` (a list of addresses and networks).
    waitress.serve(create_app(app), host=host, port=port, threads=8, ident="modbot",
                   clear_untrusted_proxy_headers=False)
