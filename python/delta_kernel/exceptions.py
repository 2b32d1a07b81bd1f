"""Exceptions raised by delta_kernel: one class per kind of error of the C++ kernel.

Every error of the kernel is a :class:`DeltaError`; its subclass says what the caller can do
about it, and each also derives from the closest built-in exception, so ``except LookupError``
or ``except ValueError`` work too. The message names the table, version and file involved.

Some errors carry a detail besides their class: a :class:`ConflictError` says which concurrent
change won (``detail_kind``, e.g. "ConcurrentAppend", and the winning ``detail_version``), and a
:class:`DeltaIOError` whose ``detail_kind`` is "CommitStateUnknown" reports a commit that may or
may not have landed (read the table before retrying).

Errors raised while a consumer (pyarrow, polars, duckdb) pulls batches from a scan's Arrow
stream come back through that consumer, as its own exception type carrying the kernel's
message; :meth:`delta_kernel.Scan.to_arrow` maps them back to these classes.
"""

from __future__ import annotations

from typing import ClassVar, Optional

__all__ = [
    "DeltaError",
    "NotFoundError",
    "InvalidTableError",
    "UnsupportedError",
    "ConflictError",
    "DeltaIOError",
    "InvalidArgumentError",
    "PermissionDeniedError",
    "CancelledError",
    "InternalError",
    "ResourceExhaustedError",
]


class DeltaError(Exception):
    """Base class of every error the kernel reports."""

    #: The kernel's name for the kind of error (``delta::StatusCodeName``), e.g. "NotFound".
    kind: ClassVar[str] = "Unknown"

    #: The finer reason, when the kernel gave one (``delta::ErrorDetailKindName``): for a
    #: conflict the change that won ("ProtocolChanged", "ConcurrentAppend", "AlreadyExists",
    #: ...), or "CommitStateUnknown". None when there is no detail.
    detail_kind: Optional[str] = None
    #: The version of the detail: the winning commit's, or the one whose commit state is unknown.
    detail_version: Optional[int] = None
    #: What the detail names: a file, a predicate, a domain or an app id.
    detail_subject: Optional[str] = None

    @property
    def message(self) -> str:
        """The kernel's message, without the kind."""
        return str(self.args[0]) if self.args else ""

    @property
    def commit_state_unknown(self) -> bool:
        """True when a commit may or may not have landed (its reply was lost)."""
        return self.detail_kind == "CommitStateUnknown"


class NotFoundError(DeltaError, LookupError):
    """The table, version, file or key does not exist."""

    kind = "NotFound"


class InvalidTableError(DeltaError):
    """The log or the data is corrupt or inconsistent."""

    kind = "InvalidTable"


class UnsupportedError(DeltaError, NotImplementedError):
    """The table needs a feature this kernel does not implement (named in the message)."""

    kind = "Unsupported"


class ConflictError(DeltaError):
    """A concurrent commit won; the operation can be retried."""

    kind = "Conflict"


class DeltaIOError(DeltaError, OSError):
    """Storage failed (possibly transiently)."""

    kind = "IoError"


class InvalidArgumentError(DeltaError, ValueError):
    """The caller passed something wrong: a bad filter, an unknown column, a negative limit."""

    kind = "InvalidArgument"


class PermissionDeniedError(DeltaError, PermissionError):
    """Storage refused access."""

    kind = "PermissionDenied"


class CancelledError(DeltaError):
    """The operation was cancelled."""

    kind = "Cancelled"


class InternalError(DeltaError, RuntimeError):
    """A bug in the kernel."""

    kind = "Internal"


class ResourceExhaustedError(DeltaError, MemoryError):
    """The process ran out of memory or threads; the message names what was being read."""

    kind = "ResourceExhausted"


# Kind name (the kernel's one table of them, delta::StatusCodeName) -> class.
_BY_KIND: dict[str, type[DeltaError]] = {
    cls.kind: cls for cls in (globals()[name] for name in __all__) if cls is not DeltaError
}


def _class_for(kind: str) -> type[DeltaError]:
    """The class of a kind name (called by the native module when it raises)."""
    return _BY_KIND.get(kind, DeltaError)
