"""People who review: owners, assistants and auditors, with argon2id password hashes."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import audit
from bot.domain import ROLES
from bot.errors import ConfigError, NotFound
from bot.models import User

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

MIN_PASSWORD = 10


def add_user(session: Session, name: str, role: str, password: str | None, *, actor: str = "cli") -> User:
    """Create a user, or change the role and password of an existing one."""
    if role not in ROLES:
        raise ConfigError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if not name or len(name) > 100 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ConfigError("user names are letters, digits, '.', '-' and '_'")
    if password is not None and len(password) < MIN_PASSWORD:
        raise ConfigError(f"password must be at least {MIN_PASSWORD} characters")
    user = session.scalar(select(User).where(User.name == name))
    hashed = _hasher.hash(password) if password is not None else None
    if user is None:
        user = User(name=name, role=role, password_hash=hashed, active=True)
        session.add(user)
        session.flush()
        audit.record(session, actor, "user.add", data={"user": name, "role": role})
    else:
        before = user.role
        user.role = role
        if hashed is not None:
            user.password_hash = hashed
        if hashed is not None or before != role:
            end_sessions(user)  # a copied cookie must not keep the old role or password
        audit.record(
            session,
            actor,
            "user.update",
            data={
                "user": name,
                "role": {"before": before, "after": role},
                "password_changed": hashed is not None,
            },
        )
    return user


def get_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name, User.active.is_(True)))
    if user is None:
        raise NotFound(f"no active user named {name!r} (add one with `modbot users add`)")
    return user


def end_sessions(user: User) -> None:
    """Every signed-in session of this user ends at its next request (bot/web/security.py)."""
    user.session_version = (user.session_version or 1) + 1


_dummy_hash: str | None = None


def dummy_hash() -> str:
    """A real argon2id hash of a random password, so unknown names cost a full verification."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(24))
    return _dummy_hash


def check_password(user: User | None, password: str) -> bool:
    """True only for an existing user with a password that matches. Takes as long for an
    unknown user or one without a password: the check runs against a dummy hash instead."""
    stored = user.password_hash if user is not None and user.password_hash else None
    matched: bool
    try:
        matched = _hasher.verify(stored or dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        matched = False
    return matched and stored is not None


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))
