"""Platform adapters. Each module `connectors.<platform>` exposes
`build(account: AccountConfig, credentials: Mapping | None) -> Connector`; `connectors.platforms`
declares what each platform offers and costs, which the core reads instead of naming platforms.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any, cast

from bot.config import PLATFORMS, AccountConfig
from bot.domain import Capabilities, Connector
from bot.errors import ConfigError

# Builds a connector from its config entry and the contents of `secrets/<name>.json` (or None).
ConnectorFactory = Callable[[AccountConfig, Mapping[str, Any] | None], Connector]


def _module(platform: str) -> Any:
    if platform not in PLATFORMS:
        raise ConfigError(f"unknown platform {platform!r} (known: {', '.join(PLATFORMS)})")
    return importlib.import_module(f"connectors.{platform}")


def factory(platform: str) -> ConnectorFactory:
    """The `build` function of the connector for `platform`, chosen by name."""
    return cast(ConnectorFactory, _module(platform).build)


def capabilities(platform: str) -> Capabilities:
    """What `platform` offers and costs (without loading its SDK)."""
    from connectors.platforms import CAPABILITIES

    if platform not in CAPABILITIES:
        raise ConfigError(f"unknown platform {platform!r} (known: {', '.join(PLATFORMS)})")
    return CAPABILITIES[platform]
