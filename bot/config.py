"""modbot.toml, the environment and command-line overrides, merged into one `Config`.

Precedence, highest first: command arguments > `MODBOT_<SECTION>_<KEY>` environment variables >
`modbot.toml` > defaults. Every key is declared in `SECTIONS` or `ACCOUNT_KEYS`; anything else is
an error that names the file and the key.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from bot.domain import Practice
from bot.errors import ConfigError

CONFIG_FILE = "modbot.toml"
DB_FILE = "modbot.db"
SECRETS_DIR = "secrets"
# The platforms an account may name; each has an adapter in connectors/<platform>.py.
PLATFORMS: tuple[str, ...] = ("youtube", "reddit", "file")


def default_home() -> Path:
    env = os.environ.get("MODBOT_HOME")
    return Path(env).expanduser() if env else Path(platformdirs.user_data_dir("modbot"))


@dataclass(frozen=True)
class AccountConfig:
    """One `[[accounts]]` entry of modbot.toml. Platform-specific fields are None elsewhere."""

    name: str
    platform: str
    poll_every: timedelta = timedelta(minutes=5)
    region: str | None = None
    # youtube
    channel_id: str | None = None
    api_endpoint: str = "https://youtube.googleapis.com/"
    daily_quota: int = 10_000
    moderation_queues: bool = True
    # The likely-spam listing is read at most this often (held comments are read on every poll).
    spam_every: timedelta = timedelta(hours=1)
    # reddit
    username: str | None = None
    user_agent: str | None = None
    reddit_url: str = "https://www.reddit.com"
    oauth_url: str = "https://oauth.reddit.com"
    mark_read: bool = False
    # file
    path: str | None = None


@dataclass(frozen=True)
class AlertsConfig:
    email_to: str = ""
    email_from: str = "modbot@localhost"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_starttls: bool = True
    webhook_url: str = ""
    include_text: bool = False  # alerts carry no comment text unless a practice opts in
    renotify_after: timedelta = timedelta(minutes=15)
    crisis_target: timedelta = timedelta(minutes=30)
    # Once a day, a summary through the channels above with the newest signed audit checkpoint.
    daily_digest: bool = False


@dataclass(frozen=True)
class WebConfig:
    host: str = "127.0.0.1"
    port: int = 8080
    idle_timeout: timedelta = timedelta(minutes=30)
    # A session ends this long after sign-in however active it is.
    session_lifetime: timedelta = timedelta(hours=12)
    login_attempts_per_minute: int = 5
    # Addresses (or networks) of reverse proxies whose X-Forwarded-Proto / -For are believed.
    trusted_proxies: tuple[str, ...] = ()
    # The dashboard's public address (e.g. https://modbot.example.org), used in alert links.
    base_url: str = ""


@dataclass(frozen=True)
class ClassifierConfig:
    # Where `modbot train` writes the model; empty means `<home>/model`.
    model_dir: str = ""


@dataclass(frozen=True)
class RetentionConfig:
    # Erase comment text (and author, copies) this many days after it was fetched; 0 keeps it.
    comment_text_days: int = 0


@dataclass(frozen=True)
class Config:
    home: Path
    database_url: str
    practice: Practice = field(default_factory=Practice)
    accounts: tuple[AccountConfig, ...] = ()
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    web: WebConfig = field(default_factory=WebConfig)
    classifier: ClassifierConfig = field(default_factory=ClassifierConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)

    @property
    def secrets_dir(self) -> Path:
        return self.home / SECRETS_DIR

    @property
    def config_path(self) -> Path:
        return self.home / CONFIG_FILE

    def account(self, name: str) -> AccountConfig:
        for account in self.accounts:
            if account.name == name:
                return account
        known = ", ".join(a.name for a in self.accounts) or "none configured"
        raise ConfigError(f"no account named {name!r} in {self.config_path} (accounts: {known})")

    def region_for(self, account: AccountConfig | None) -> str:
        return (account.region if account and account.region else None) or self.practice.region


# Scalar sections: section name -> dataclass. `[database]` is handled on its own (one key).
SECTIONS: dict[str, type] = {
    "practice": Practice,
    "alerts": AlertsConfig,
    "web": WebConfig,
    "classifier": ClassifierConfig,
    "retention": RetentionConfig,
}
ACCOUNT_KEYS: dict[str, set[str]] = {
    "common": {"name", "platform", "poll_every", "region"},
    "youtube": {"channel_id", "api_endpoint", "daily_quota", "moderation_queues", "spam_every"},
    "reddit": {"username", "user_agent", "reddit_url", "oauth_url", "mark_read"},
    "file": {"path"},
}
REQUIRED_ACCOUNT_KEYS: dict[str, set[str]] = {
    "youtube": {"channel_id"},
    "reddit": {"username"},
    "file": {"path"},
}

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_DURATION = timedelta(days=366)


def parse_duration(value: Any, *, where: str) -> timedelta:
    """'90s', '5m', '2h', '1d' or a number of seconds; positive and at most a year."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a duration like '5m', got {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ConfigError(f"{where}: expected a duration like '5m' or '1h', got {value!r}")
        seconds = float(int(match[1]) * _SECONDS[match[2]])
    if not 0 < seconds <= MAX_DURATION.total_seconds():
        raise ConfigError(f"{where}: duration must be positive and at most a year, got {value!r}")
    return timedelta(seconds=seconds)


def _coerce(value: Any, default: Any, *, where: str) -> Any:
    """Convert a file or environment value to the type of the field's default."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return value.lower() in {"1", "true", "yes", "on"}
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    if isinstance(default, int):
        try:
            if isinstance(value, bool):
                raise ValueError
            return int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: expected a whole number, got {value!r}") from None
    if isinstance(default, timedelta):
        return parse_duration(value, where=where)
    if isinstance(default, tuple):  # a list of strings; the environment gives it comma-separated
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(part, str) for part in value):
            raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
        return tuple(value)
    if default is None or isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value
    raise ConfigError(f"{where}: unsupported value {value!r}")  # pragma: no cover


def check_base_url(value: str, *, where: str) -> str:
    """An http(s) address with a host and nothing after the path; returned without a trailing '/'."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or any(ch.isspace() for ch in value.strip()):
        raise ConfigError(f"{where}: expected an address like https://modbot.example.org, got {value!r}")
    return value.strip().rstrip("/")


def _defaults(cls: type) -> dict[str, Any]:
    instance = cls() if cls is not AccountConfig else AccountConfig(name="", platform="file")
    return {f.name: getattr(instance, f.name) for f in fields(instance)}


# Bounds for numeric settings: (minimum, maximum).
LIMITS: dict[str, tuple[int, int]] = {
    "port": (1, 65535),
    "smtp_port": (1, 65535),
    "daily_quota": (0, 10_000_000),
    "login_attempts_per_minute": (1, 10_000),
    "comment_text_days": (0, 36_500),
}


def _bounded(key: str, value: Any, *, where: str) -> Any:
    if key in LIMITS and isinstance(value, int) and not isinstance(value, bool):
        low, high = LIMITS[key]
        if not low <= value <= high:
            raise ConfigError(f"{where}: must be between {low} and {high}, got {value}")
    return value


def _build_section(
    cls: type,
    name: str,
    file_values: Mapping[str, Any],
    env: Mapping[str, str],
    overrides: Mapping[str, Any],
    path: Path,
) -> Any:
    defaults = _defaults(cls)
    for key in file_values:
        if key not in defaults:
            raise ConfigError(f"{path}: unknown key {key!r} in [{name}]")
    values: dict[str, Any] = {}
    for key, default in defaults.items():
        dotted = f"{name}.{key}"
        env_name = f"MODBOT_{name}_{key}".upper()
        if dotted in overrides and overrides[dotted] is not None:
            raw, where = overrides[dotted], f"option for {dotted}"
        elif env_name in env:
            raw, where = env[env_name], f"environment variable {env_name}"
        elif key in file_values:
            raw, where = file_values[key], f"{path}: [{name}] {key}"
        else:
            continue
        values[key] = _bounded(key, _coerce(raw, default, where=where), where=where)
    return cls(**values)


def _build_account(entry: Any, index: int, path: Path) -> AccountConfig:
    where = f"{path}: [[accounts]] entry {index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table")
    platform = entry.get("platform")
    if platform not in PLATFORMS:
        raise ConfigError(f"{where}: platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    name = entry.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise ConfigError(f"{where}: name must be letters, digits, '.', '_' or '-', got {name!r}")
    allowed = ACCOUNT_KEYS["common"] | ACCOUNT_KEYS[platform]
    for key in entry:
        if key not in allowed:
            raise ConfigError(f"{path}: unknown key {key!r} in account {name!r} ({platform})")
    missing = REQUIRED_ACCOUNT_KEYS[platform] - entry.keys()
    if missing:
        raise ConfigError(f"{path}: account {name!r} needs {', '.join(sorted(missing))}")
    defaults = _defaults(AccountConfig)
    values = {
        key: _bounded(
            key,
            _coerce(value, defaults[key], where=f"{path}: account {name!r} {key}"),
            where=f"{path}: account {name!r} {key}",
        )
        for key, value in entry.items()
    }
    return AccountConfig(**values)


def load_config(
    home: Path | str | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Read `<home>/modbot.toml` (absent is fine: defaults) and apply env and overrides."""
    env = os.environ if env is None else env
    overrides = overrides or {}
    home = Path(home).expanduser() if home else default_home()
    path = home / CONFIG_FILE
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None

    known = set(SECTIONS) | {"database", "accounts"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{path}: unknown key {key!r}")
    for key in SECTIONS.keys() | {"database"}:
        if key in data and not isinstance(data[key], dict):
            raise ConfigError(f"{path}: [{key}] must be a table")

    database = data.get("database", {})
    for key in database:
        if key != "url":
            raise ConfigError(f"{path}: unknown key {key!r} in [database]")
    url = overrides.get("database.url") or env.get("MODBOT_DATABASE_URL") or database.get("url")
    if url is not None and not isinstance(url, str):
        raise ConfigError(f"{path}: [database] url must be a string")
    url = url or f"sqlite:///{home / DB_FILE}"

    sections = {
        name: _build_section(cls, name, data.get(name, {}), env, overrides, path)
        for name, cls in SECTIONS.items()
    }
    practice: Practice = sections["practice"]
    if not re.fullmatch(r"[A-Za-z]{2}", practice.region):
        raise ConfigError(
            f"{path}: [practice] region must be a two-letter country code, got {practice.region!r}"
        )
    practice = Practice(practice.display_name, practice.contact_url, practice.region.upper())
    web: WebConfig = sections["web"]
    for proxy in web.trusted_proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ConfigError(
                f"{path}: [web] trusted_proxies: {proxy!r} is not an IP address or network"
            ) from None

    if web.base_url:
        web = replace(web, base_url=check_base_url(web.base_url, where=f"{path}: [web] base_url"))
        sections["web"] = web
    raw_accounts = data.get("accounts", [])
    if not isinstance(raw_accounts, list):
        raise ConfigError(f"{path}: accounts must be written as [[accounts]] tables")
    accounts = tuple(_build_account(entry, i, path) for i, entry in enumerate(raw_accounts))
    names = [a.name for a in accounts]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ConfigError(f"{path}: account name {sorted(duplicates)[0]!r} is used twice")

    return Config(
        home=home,
        database_url=url,
        practice=practice,
        accounts=accounts,
        alerts=sections["alerts"],
        web=sections["web"],
        classifier=sections["classifier"],
        retention=sections["retention"],
    )


DEFAULT_CONFIG = """\
# modbot configuration. Every key is documented in README.md ("Configuration").

[practice]
display_name = "Your therapist"
contact_url = ""
region = "US"            # ISO country code: picks the crisis resources in replies

# [database]
# url = "postgresql+psycopg://modbot@localhost/modbot"   # default: modbot.db beside this file

# [[accounts]]
# name = "my-channel"
# platform = "youtube"
# channel_id = "UC..."
# poll_every = "5m"
"""
