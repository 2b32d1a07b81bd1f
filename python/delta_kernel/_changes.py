"""Changes: a table's change data feed over a range of versions, as an Arrow stream."""

from __future__ import annotations

import json

from ._scan import _RowStream


class Changes(_RowStream):
    """The rows a range of commits inserted, deleted or updated.

    Each row is a table row (with the end version's schema) followed by ``_change_type``
    (``insert``, ``delete``, ``update_preimage`` or ``update_postimage``),
    ``_commit_version`` and ``_commit_timestamp``. Like :class:`Scan` it implements
    ``__arrow_c_stream__``, so ``pyarrow.table(changes)``, ``polars.DataFrame(changes)`` and
    ``duckdb.sql("select ... from changes")`` read it without copies; every stream reads the
    change files anew, and batches come in no particular order.

    Create one with :meth:`Table.changes`.
    """

    @property
    def start_version(self) -> int:
        """The first commit read (inclusive)."""
        return self._core.start_version

    @property
    def end_version(self) -> int:
        """The last commit read (inclusive)."""
        return self._core.end_version

    def __repr__(self) -> str:
        cols = [f["name"] for f in json.loads(self.schema_json)["fields"]]
        return (
            f"<delta_kernel.Changes versions {self.start_version}..{self.end_version}"
            f" columns={cols}>"
        )
