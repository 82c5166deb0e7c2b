"""Platform adapters. Each module `connectors.<platform>` exposes
`build(account: AccountConfig, credentials: Mapping | None) -> Connector`.
"""

from __future__ import annotations

import importlib
from typing import cast

from bot.domain import PLATFORMS, ConnectorFactory
from bot.errors import ConfigError


def factory(platform: str) -> ConnectorFactory:
    """The `build` function of the connector for `platform`, chosen by name."""
    if platform not in PLATFORMS:
        raise ConfigError(f"unknown platform {platform!r} (known: {', '.join(PLATFORMS)})")
    module = importlib.import_module(f"connectors.{platform}")
    return cast(ConnectorFactory, module.build)
