"""The composition root: the one place that picks concrete storage, connectors, classifier and
responses, and hands them to everything else."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import audit, db
from bot.config import DEFAULT_CONFIG, AccountConfig, Config, load_config
from bot.domain import Capabilities, Connector, InboundItem, Suggestion, Triager
from bot.errors import ConfigError, ReconnectRequired
from bot.secrets import SecretStore

logger = logging.getLogger(__name__)


@dataclass
class App:
    config: Config
    engine: Engine
    sessions: sessionmaker[Session]  # writes: `with app.sessions.begin() as session`
    reads: sessionmaker[Session]  # reads: `with app.reads() as session`
    secrets: SecretStore
    _triager: Triager | None = field(default=None, repr=False)
    _triager_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # -- classifier -------------------------------------------------------------------------
    def triager(self) -> Triager:
        """The triage model, loaded (or trained on first use) once per process."""
        with self._triager_lock:
            return self._load_triager()

    def preload_triager(self) -> None:
        """Load a trained model in the background (a poll does so while it waits for the
        platform). Training, when there is no model yet, still happens on first use."""
        if self._triager is None and self._model_dir().is_dir():
            threading.Thread(target=self._preload, name="load-triager", daemon=True).start()

    def _preload(self) -> None:
        try:
            self.triager()
        except Exception:  # reported by the caller's own triager() call, with context
            logger.debug("background model load failed; it is retried when needed", exc_info=True)

    def _model_dir(self) -> Path:
        configured = self.config.classifier.model_dir
        return Path(configured) if configured else self.config.home / "model"

    def _load_triager(self) -> Triager:
        if self._triager is None:
            import classifiers
            from bot import roster

            self._triager = classifiers.load_triager(
                self._model_dir(), is_client=roster.membership(self.reads, self.secrets)
            )
        return self._triager

    # -- connectors -------------------------------------------------------------------------
    def credentials(self, account: AccountConfig) -> Mapping[str, Any] | None:
        return self.secrets.read_json(account.name)

    def connector(self, account: AccountConfig) -> Connector:
        import connectors

        credentials = self.credentials(account)
        if credentials is None and account.platform != "file":
            raise ReconnectRequired(
                f"{account.name}: no credentials in {self.secrets.path(account.name + '.json')}; "
                f"run `modbot connect {account.name}`",
                account=account.name,
            )
        return connectors.factory(account.platform)(account, credentials)

    def capabilities(self, platform: str) -> Capabilities:
        """What `platform` offers and costs: quota, moderation actions, how names are written."""
        import connectors

        return connectors.capabilities(platform)

    # -- responses --------------------------------------------------------------------------
    def suggestions(self, item: InboundItem, category: str) -> list[tuple[Suggestion, dict[str, Any]]]:
        """Candidate replies to an item triaged as `category`, with the reply guard's verdict on each."""
        import responses

        region = self.config.region_for(self._account_or_none(item.account))
        return [
            (
                suggestion,
                {"blocked": verdict.blocked, "problems": verdict.problems, "warnings": verdict.warnings},
            )
            for suggestion, verdict in responses.suggest_checked(item, category, self.config.practice, region)
        ]

    def _account_or_none(self, name: str) -> AccountConfig | None:
        return next((a for a in self.config.accounts if a.name == name), None)


def open_app(
    home: Path | str | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    require_database: bool = True,
) -> App:
    """The application on an existing home. A home that does not exist is refused, not created:
    only `init_home` (`modbot init`, `modbot demo`) creates one."""
    config = load_config(home, overrides=overrides)
    if not config.home.is_dir():
        raise ConfigError(f"there is no modbot home at {config.home}: run `modbot init` (or `modbot demo`)")
    loose = loosened_files(config)
    if loose:
        logger.warning("readable by other users (run `chmod -R go-rwx %s`): %s", config.home,
                       ", ".join(str(p) for p in loose[:5]) + (" ..." if len(loose) > 5 else ""))
    engine = db.make_engine(config.database_url)
    if require_database:
        db.require_current(engine)
    return App(
        config=config,
        engine=engine,
        # Write sessions carry the audit key and sign a checkpoint after each commit with events.
        sessions=audit.attach(db.session_factory(engine), audit.Trail(
            SecretStore(config.secrets_dir), config.home / audit.CHECKPOINT_FILE)),
        reads=db.read_session_factory(engine),
        secrets=SecretStore(config.secrets_dir),
    )


def init_home(home: Path | str | None = None, *, overrides: Mapping[str, Any] | None = None) -> App:
    """Create the home (config, secrets/ 0700, database at the newest migration). Idempotent."""
    config = load_config(home, overrides=overrides)
    config.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(config.home, 0o700)
    if not config.config_path.exists():
        fd = os.open(config.config_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(DEFAULT_CONFIG)
    os.chmod(config.config_path, 0o600)
    SecretStore(config.secrets_dir).ensure()
    app = open_app(config.home, overrides=overrides, require_database=False)
    db.upgrade(app.engine)
    if app.config.database_url.startswith("sqlite:///"):
        database = Path(app.config.database_url.removeprefix("sqlite:///"))
        for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
            if path.exists():
                os.chmod(path, 0o600)
    return app


def loosened_files(config: Config) -> list[Path]:
    """The home and the files in it that others than the owner can read or write."""
    found: list[Path] = []
    paths = [config.home, config.config_path, config.secrets_dir]
    if config.database_url.startswith("sqlite:///"):
        database = Path(config.database_url.removeprefix("sqlite:///"))
        paths += [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
    if config.secrets_dir.is_dir():
        paths += sorted(config.secrets_dir.iterdir())
    for path in paths:
        try:
            if path.stat().st_mode & 0o077:
                found.append(path)
        except OSError:
            continue
    return found
