"""Crisis resources as data: services by country code, loaded from `data/crisis_resources.json`.

Helpline numbers change, so they live in a data file with a source and a last-verified date on
every entry, never in code or templates. Only entries with status `verified` and `in_replies`
are ever put in a reply; the rest are listed for the people who maintain the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from bot.errors import ConfigError

DATA_FILE = "crisis_resources.json"
INTERNATIONAL = "INTL"
CONTACT_TYPES = ("phone", "text", "chat", "url", "email", "tty")


@dataclass(frozen=True)
class Contact:
    """One way to reach a service: `type` is phone, text, chat, url, email or tty."""

    type: str
    value: str
    keyword: str = ""  # the word to text, e.g. HOME to 741741
    note: str = ""


@dataclass(frozen=True)
class CrisisService:
    id: str
    name: str
    reach: str  # how to reach it, as the source puts it
    reply_line: str  # the short line a reply shows; empty for services never put in replies
    contacts: tuple[Contact, ...]
    hours: str
    audience: str
    status: str  # "verified" | "unverified"
    in_replies: bool
    last_verified: date | None
    sources: tuple[str, ...]
    status_note: str = ""

    @property
    def verified(self) -> bool:
        return self.status == "verified" and self.last_verified is not None

    @property
    def for_replies(self) -> bool:
        return self.in_replies and self.verified and bool(self.reply_line)


@dataclass(frozen=True)
class EmergencyNumbers:
    numbers: tuple[str, ...]
    status: str
    last_verified: date | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RegionResources:
    """What a crisis reply for one region can point to."""

    region: str  # the code asked for, upper-cased (e.g. "US", or "FR" for a fallback)
    name: str
    emergency: EmergencyNumbers
    services: tuple[CrisisService, ...]
    is_fallback: bool = False  # True when the region is not in the data: international directory

    @property
    def reply_services(self) -> tuple[CrisisService, ...]:
        return tuple(service for service in self.services if service.for_replies)

    @property
    def emergency_line(self) -> str:
        """'call 911' style text, or the generic local emergency number."""
        numbers = self.emergency.numbers
        if not numbers:
            return "call your local emergency number"
        return "call your local emergency number (" + " or ".join(numbers) + ")"

    def reply_contact_values(self) -> tuple[str, ...]:
        """Every phone number, text number and address a reply might show for this region."""
        values: list[str] = []
        for service in self.reply_services:
            values.extend(contact.value for contact in service.contacts)
        return tuple(dict.fromkeys(values))


@dataclass(frozen=True)
class ResourceEntry:
    """One dated entry of the data file, for `modbot resources check` and `list`."""

    region: str
    id: str
    name: str
    status: str
    last_verified: date | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ResourceData:
    regions: Mapping[str, RegionResources]
    international: RegionResources
    aliases: Mapping[str, str]

    def entries(self) -> list[ResourceEntry]:
        out: list[ResourceEntry] = []
        for code, region in [*self.regions.items(), (INTERNATIONAL, self.international)]:
            if region.emergency.numbers:
                out.append(
                    ResourceEntry(
                        code,
                        f"{code.lower()}-emergency",
                        "Emergency number " + " / ".join(region.emergency.numbers),
                        region.emergency.status,
                        region.emergency.last_verified,
                        region.emergency.sources,
                    )
                )
            for service in region.services:
                out.append(
                    ResourceEntry(
                        code,
                        service.id,
                        service.name,
                        service.status,
                        service.last_verified,
                        service.sources,
                    )
                )
        return out


def normalize_region(region: str | None) -> str:
    return (region or "").strip().upper()


def default_data_path() -> Path:
    return Path(str(importlib_resources.files("responses") / "data" / DATA_FILE))


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: last_verified must be a date like 2025-01-31, got {value!r}") from None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _service(raw: Any, where: str) -> CrisisService:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected an object")
    try:
        contacts = tuple(
            Contact(
                type=str(c["type"]),
                value=str(c["value"]),
                keyword=str(c.get("keyword", "")),
                note=str(c.get("note", "")),
            )
            for c in raw.get("contacts", [])
        )
        where = f"{where} ({raw['id']})"
        service = CrisisService(
            id=str(raw["id"]),
            name=str(raw["name"]),
            reach=str(raw.get("reach", "")),
            reply_line=str(raw.get("reply_line", "")),
            contacts=contacts,
            hours=str(raw.get("hours", "")),
            audience=str(raw.get("audience", "")),
            status=str(raw.get("status", "unverified")),
            in_replies=bool(raw.get("in_replies", False)),
            last_verified=_date(raw.get("last_verified"), where),
            sources=_strings(raw.get("sources", []), where),
            status_note=str(raw.get("status_note", "")),
        )
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"{where}: missing or bad field {exc}") from None
    for contact in contacts:
        if contact.type not in CONTACT_TYPES:
            raise ConfigError(f"{where}: unknown contact type {contact.type!r}")
    if service.status not in ("verified", "unverified"):
        raise ConfigError(f"{where}: status must be 'verified' or 'unverified'")
    return service


def _region(code: str, raw: Any, where: str, *, is_fallback: bool = False) -> RegionResources:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected an object")
    emergency = raw.get("emergency") or {}
    return RegionResources(
        region=code,
        name=str(raw.get("name", code)),
        emergency=EmergencyNumbers(
            numbers=_strings(emergency.get("numbers", []), f"{where} emergency"),
            status=str(emergency.get("status", "unverified")),
            last_verified=_date(emergency.get("last_verified"), f"{where} emergency"),
            sources=_strings(emergency.get("sources", []), f"{where} emergency"),
        ),
        services=tuple(
            _service(service, f"{where} service {i + 1}") for i, service in enumerate(raw.get("services", []))
        ),
        is_fallback=is_fallback,
    )


def parse_resources(data: Any, *, source: str = DATA_FILE) -> ResourceData:
    if not isinstance(data, dict) or not isinstance(data.get("regions"), dict):
        raise ConfigError(f"{source}: expected an object with 'regions'")
    regions: dict[str, RegionResources] = {}
    aliases: dict[str, str] = {}
    for code, raw in data["regions"].items():
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ConfigError(f"{source}: region {code!r} is not a two-letter upper-case country code")
        regions[code] = _region(code, raw, f"{source}: region {code}")
        for alias in raw.get("aliases", []):
            aliases[normalize_region(alias)] = code
    international = _region(
        INTERNATIONAL, data.get("international", {}), f"{source}: international", is_fallback=True
    )
    if not international.reply_services:
        raise ConfigError(f"{source}: 'international' needs at least one verified service for replies")
    return ResourceData(regions=regions, international=international, aliases=aliases)


def load_resources(path: Path | str | None = None) -> ResourceData:
    """Read and validate a resources file (default: the one shipped in the package)."""
    if path is None:
        return _bundled()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _bundled() -> ResourceData:
    return _load(default_data_path())


def _load(path: Path) -> ResourceData:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read crisis resources: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON: {exc}") from None
    return parse_resources(data, source=str(path))


def resources_for(region: str | None, *, data: ResourceData | None = None) -> RegionResources:
    """The crisis resources for `region`; any region not in the data gets the international set.

    The fallback keeps the region code asked for, has no emergency number (so replies say "call
    your local emergency number") and lists the international directories.
    """
    data = data or _bundled()
    code = normalize_region(region)
    code = data.aliases.get(code, code)
    if code in data.regions:
        return data.regions[code]
    fallback = data.international
    return RegionResources(
        region=code or INTERNATIONAL,
        name=fallback.name,
        emergency=fallback.emergency,
        services=fallback.services,
        is_fallback=True,
    )


def regions(*, data: ResourceData | None = None) -> list[str]:
    """Country codes that have their own entries."""
    return sorted((data or _bundled()).regions)


def stale_entries(
    older_than: timedelta, *, today: date | None = None, data: ResourceData | None = None
) -> tuple[list[ResourceEntry], list[ResourceEntry]]:
    """(entries verified longer ago than `older_than`, entries never verified)."""
    data = data or _bundled()
    today = today or date.today()
    cutoff = today - older_than
    stale: list[ResourceEntry] = []
    never: list[ResourceEntry] = []
    for entry in data.entries():
        if entry.last_verified is None:
            never.append(entry)
        elif entry.last_verified < cutoff:
            stale.append(entry)
    return stale, never
