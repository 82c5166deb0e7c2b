"""Plain domain types shared by the core and its adapters.

No SQLAlchemy, praw or googleapiclient object ever crosses into or out of these types: connectors
convert SDK objects at the boundary and `bot.storage` converts ORM rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from bot.errors import ConnectorError, QuotaExceeded

Kind = Literal["comment", "reply", "mention", "dm"]
KINDS: tuple[str, ...] = ("comment", "reply", "mention", "dm")

# Triage categories, highest priority first.
CATEGORIES: tuple[str, ...] = ("crisis", "client", "advice", "engagement")
FLAGS: tuple[str, ...] = ("crisis", "client", "advice")

ROLES: tuple[str, ...] = ("owner", "assistant", "auditor")


def primary_category(labels: Sequence[str]) -> str:
    """The highest-priority flag, or `engagement` when none is raised."""
    for category in FLAGS:
        if category in labels:
            return category
    return "engagement"


def category_priority(category: str) -> int:
    """0 for crisis ... 3 for engagement: sorts the queue crisis first."""
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


@dataclass(frozen=True)
class InboundItem:
    """One comment, reply, mention or private message, as a connector delivers it."""

    platform: str
    account: str
    kind: str
    external_id: str
    text: str
    author: str | None = None
    author_id: str | None = None
    published_at: datetime | None = None
    parent_id: str | None = None
    thread_id: str | None = None
    context_id: str | None = None  # the video or post the item sits under
    context_title: str | None = None
    permalink: str | None = None
    # The platform's own moderation state (e.g. held for review); None where it has none.
    moderation_status: str | None = None


@dataclass(frozen=True)
class Triage:
    """A classifier's verdict on one text."""

    category: str
    labels: tuple[str, ...]
    scores: Mapping[str, float]
    reasons: tuple[str, ...]
    model_version: str


class Triager(Protocol):
    version: str

    def triage(
        self,
        text: str,
        *,
        kind: str = "comment",
        platform: str = "file",
        author: str | None = None,
    ) -> Triage: ...

    def triage_many(
        self,
        texts: Sequence[str],
        *,
        kinds: Sequence[str] | None = None,
        platforms: Sequence[str] | None = None,
        authors: Sequence[str | None] | None = None,
    ) -> list[Triage]:
        """Triage a batch (one vectorisation); results in input order."""
        ...


@dataclass(frozen=True)
class Suggestion:
    template: str
    text: str


@dataclass(frozen=True)
class Practice:
    display_name: str = "Your therapist"
    contact_url: str = ""
    region: str = "US"


@dataclass(frozen=True)
class Capabilities:
    """What a platform offers and what it costs, as its connector declares it: the core reads
    these and never branches on a platform's name."""

    display_name: str  # as people write it
    spend_unit: str = "requests"  # what a Budget counts on this platform
    daily_quota: bool = False  # the account's `daily_quota` limits what a day may spend
    quota_timezone: str = "UTC"  # where the quota day turns over
    costs: Mapping[str, int] = field(default_factory=dict)  # units per call ("reply", "moderate", ...)
    moderation: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # item kind -> actions
    handle_prefixes: tuple[str, ...] = ()  # written before a user name ("u/"); folded away
    held_statuses: tuple[str, ...] = ()  # moderation states of a comment waiting to be published
    report_steps: tuple[str, ...] = ()  # how a person reports self-harm risk on the platform itself
    streams_pages: bool = False  # poll() hands each page's new items to `seen` as it reads them

    def cost(self, action: str) -> int:
        return self.costs.get(action, 0)

    def moderation_actions(self, kind: str | None = None) -> tuple[str, ...]:
        """Actions for items of `kind`, or every action the platform has."""
        if kind is not None:
            return self.moderation.get(kind, ())
        return tuple(dict.fromkeys(action for actions in self.moderation.values() for action in actions))


class Budget:
    """Units a connector may spend on this poll: quota units or requests (`Capabilities.spend_unit`).

    `spend` is called *before* each request, so a request that would pass the limit is never
    sent. `spent` is what this poll used; the pipeline adds it to the persistent ledger.
    """

    def __init__(self, *, limit: int | None, used_before: int = 0, account: str = "") -> None:
        self.limit = limit
        self.used_before = used_before
        self.spent = 0
        self.account = account

    @property
    def remaining(self) -> int | None:
        if self.limit is None:
            return None
        return max(self.limit - self.used_before - self.spent, 0)

    def can_spend(self, units: int) -> bool:
        remaining = self.remaining
        return remaining is None or units <= remaining

    def spend(self, units: int) -> None:
        if not self.can_spend(units):
            raise QuotaExceeded(
                f"{self.account}: daily quota of {self.limit} units would be exceeded",
                account=self.account,
            )
        self.spent += units


@dataclass(frozen=True)
class Notice:
    """Something a person should see on the account's status, e.g. code `dms_unavailable`."""

    code: str
    message: str


@dataclass(frozen=True)
class Quarantined:
    """An item a listing returned that could not be read: kept out of the queue, recorded, and
    passed over (the cursor moves past it) so it cannot stop the listing."""

    source: str  # the listing, e.g. "mentions" or "threads"
    external_id: str | None  # its id, when even that could be read
    reason: str
    raw_size: int  # bytes of the item as received (its JSON); the content itself is not kept


@dataclass
class PollResult:
    """What one poll brought back.

    `cursors` holds the new value of every source the poll read completely; sources it did not
    finish keep their old cursor. `error` is set when the poll stopped part-way: the items before
    it are still good and are stored.
    """

    items: list[InboundItem] = field(default_factory=list)
    cursors: dict[str, str] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    error: ConnectorError | None = None
    # Items that could not be parsed (see Quarantined); the connector also adds an
    # `unreadable_items` notice, so the poll reports itself incomplete.
    quarantined: list[Quarantined] = field(default_factory=list)


# Called by a streaming connector with each page's new items, as it reads them.
OnPage = Callable[[list[InboundItem]], None]


class Connector(Protocol):
    """What the core asks of a platform. Implementations live in `connectors/`."""

    platform: str
    capabilities: Capabilities  # what the platform offers and costs

    def poll(self, cursors: Mapping[str, str], budget: Budget, *, seen: OnPage | None = None) -> PollResult:
        """Fetch items newer than `cursors`; never mark anything read unless configured.

        With `capabilities.streams_pages`, each page's new items also go to `seen` while later
        pages are read (the core classifies them meanwhile); the result stays the whole answer.
        """
        ...

    def post_reply(self, item: InboundItem, text: str) -> str:
        """Post `text` as a reply to `item` exactly once (no blind retries); return its id.

        Raises PostOutcomeUnknown when the platform may have saved it (timeout, 5xx, reset).
        """
        ...

    def find_reply(self, item: InboundItem, text: str) -> str | None:
        """The id of an existing reply by this account to `item` with `text`, if any.

        The outbox prefers, when a connector has them, `find_replies(item, text, *, since)` (every
        such reply made at or after `since`, all pages back to that time) and `reply_target(item)`
        (what a reply hangs under, to tell rows on one thread apart); see bot/outbox.py.
        """
        ...

    def moderate(self, item: InboundItem, action: str) -> None:
        """Apply a moderation action (`hold`, `reject`, `publish`, `remove`)."""
        ...

