"""Access to the composition root and the signed-in user from inside a request."""

from __future__ import annotations

from flask import abort, current_app

from bot.app import App
from bot.web.security import CurrentUser, current_user


def modbot() -> App:
    app: App = current_app.extensions["modbot"]
    return app


def user() -> CurrentUser:
    found = current_user()
    if found is None:  # the access check runs first; this is a programming error
        abort(401)
    return found
