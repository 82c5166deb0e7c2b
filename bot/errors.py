"""Every error modbot raises on purpose.

    ModbotError
     ├── ConfigError            bad or unknown config key, missing file, bad value
     ├── StorageError           database missing, not migrated, locked too long
     ├── ConnectorError         a platform call failed (carries the account name)
     │    ├── ReconnectRequired     token revoked or expired: a person must reconnect
     │    ├── QuotaExceeded         daily quota spent: paused until `resume_at`
     │    ├── RateLimited           slow down for `retry_after` seconds
     │    ├── PlatformUnavailable   5xx, timeout, connection reset: try later
     │    ├── MalformedResponse     the platform answered something we cannot read
     │    ├── TargetGone            the comment, video or thread no longer accepts replies
     │    └── PostOutcomeUnknown    a post may or may not have been saved: reconcile first
     ├── WorkflowError          a review action that is not allowed
     │    ├── PermissionDenied      the user's role may not do this
     │    ├── InvalidTransition     the item is not in a state that allows this
     │    │    └── NotRead              a crisis reply approved before its message was shown
     │    └── ReplyBlocked          the reply guard refused the text
     ├── NotFound               no such item, user or account
     └── EncoderUnavailable     the sentence encoder's files are missing or forged (classifiers.encoder)

Connectors translate SDK exceptions (prawcore, googleapiclient) into these at the boundary, so
the core never sees an SDK type.
"""

from __future__ import annotations

from datetime import datetime


class ModbotError(Exception):
    """Root of modbot's errors; its message is one line a person can act on."""


class ConfigError(ModbotError):
    pass


class StorageError(ModbotError):
    pass


class NotFound(ModbotError):
    pass


class ConnectorError(ModbotError):
    def __init__(self, message: str, *, account: str | None = None) -> None:
        super().__init__(message)
        self.account = account


class ReconnectRequired(ConnectorError):
    pass


class QuotaExceeded(ConnectorError):
    def __init__(
        self, message: str, *, account: str | None = None, resume_at: datetime | None = None
    ) -> None:
        super().__init__(message, account=account)
        self.resume_at = resume_at


class RateLimited(ConnectorError):
    def __init__(self, message: str, *, account: str | None = None, retry_after: float | None = None) -> None:
        super().__init__(message, account=account)
        self.retry_after = retry_after


class PlatformUnavailable(ConnectorError):
    pass


class MalformedResponse(ConnectorError):
    pass


class TargetGone(ConnectorError):
    pass


class PostOutcomeUnknown(ConnectorError):
    pass


class WorkflowError(ModbotError):
    pass


class PermissionDenied(WorkflowError):
    pass


class InvalidTransition(WorkflowError):
    pass


class NotRead(InvalidTransition):
    """A reply to a crisis message was approved before the message was shown to the approver."""


class ReplyBlocked(WorkflowError):
    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
