"""An independent derivation of a table's change data feed from its log and data files, following
PROTOCOL.md ("Change Data Files", "Add CDC File"): a commit with cdc actions contributes their
rows; any other commit contributes the rows of its dataChange adds as inserts and of its
dataChange removes as deletes, a file removed and re-added in one commit contributing only the
rows whose deletion changed. Rows come out with the end version's logical schema."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyarrow.parquet as pq

from reference_dv import deleted_rows


def commits(root: Path) -> dict[int, list[dict]]:
    """Every commit file's actions, by version."""
    out = {}
    for f in sorted((root / "_delta_log").glob("*.json")):
        if f.stem.isdigit():
            out[int(f.stem)] = [json.loads(line) for line in f.read_text().splitlines() if line]
    return out


def cdf_enabled(metadata: dict) -> bool:
    return (metadata.get("configuration") or {}).get("delta.enableChangeDataFeed") == "true"


def first_readable_start(log: dict[int, list[dict]]) -> int | None:
    """The smallest start version from which the changes up to the latest can be read: the
    feed is enabled there and at every later metadata change."""
    metadata = None
    enabled_at = []
    for version in sorted(log):
        for a in log[version]:
            if "metaData" in a:
                metadata = a["metaData"]
        enabled_at.append((version, metadata is not None and cdf_enabled(metadata)))
    start = None
    for version, enabled in enabled_at:
        if not enabled:
            start = None
        elif start is None:
            start = version
    return start


def end_schema(log: dict[int, list[dict]], end: int) -> tuple[dict, list[str]]:
    metadata = None
    for version in sorted(v for v in log if v <= end):
        for a in log[version]:
            if "metaData" in a:
                metadata = a["metaData"]
    return json.loads(metadata["schemaString"]), metadata.get("partitionColumns") or []


def _partition_value(text: str | None, type_name):
    if text is None or text == "":
        return None
    if type_name in ("byte", "short", "integer", "long"):
        return int(text)
    if type_name == "string":
        return text
    if type_name == "boolean":
        return text == "true"
    if type_name in ("double", "float"):
        return float(text)
    if type_name == "date":
        return dt.date.fromisoformat(text)
    if isinstance(type_name, str) and type_name.startswith("decimal"):
        return Decimal(text)
    raise NotImplementedError(f"partition type {type_name} in the reference")


def _physical(field: dict) -> str:
    return field["metadata"].get("delta.columnMapping.physicalName", field["name"])


def _logical_value(value, type_):
    """A value read under physical names, with struct fields renamed to logical names."""
    if value is None or not isinstance(type_, dict) or type_.get("type") != "struct":
        return value
    return {f["name"]: _logical_value(value.get(_physical(f)), f["type"]) for f in type_["fields"]}


def _file_rows(root: Path, path: str) -> list[dict]:
    local = Path(unquote(urlparse(path).path)) if ":" in path.split("/")[0] else root / unquote(path)
    return pq.read_table(local).to_pylist()


def changes(root: Path, start: int, end: int, timestamps: dict[int, dt.datetime]) -> list[dict]:
    """The change rows of versions [start, end]: table columns, then _change_type,
    _commit_version and _commit_timestamp (from `timestamps`)."""
    log = commits(root)
    schema, partition_columns = end_schema(log, end)
    fields = schema["fields"]
    out: list[dict] = []

    def emit(rows, indexes, partition_values, change_type, version):
        parts = {k.lower(): v for k, v in (partition_values or {}).items()}
        # A DV may name rows past the file's end (cdf-table-with-dv's version 5 DV decodes to
        # row 28168 of a 10-row file); such indexes mark nothing.
        for i in sorted(i for i in indexes if i < len(rows)):
            row = rows[i]
            rec = {}
            for f in fields:
                if f["name"] in partition_columns:
                    rec[f["name"]] = _partition_value(parts.get(f["name"].lower()), f["type"])
                else:
                    rec[f["name"]] = _logical_value(row.get(_physical(f)), f["type"])
            rec["_change_type"] = change_type if change_type else row["_change_type"]
            rec["_commit_version"] = version
            rec["_commit_timestamp"] = timestamps[version]
            out.append(rec)

    for version in range(start, end + 1):
        actions = log[version]
        cdcs = [a["cdc"] for a in actions if "cdc" in a]
        if cdcs:
            for c in cdcs:
                rows = _file_rows(root, c["path"])
                emit(rows, range(len(rows)), c.get("partitionValues"), None, version)
            continue
        removes = {a["remove"]["path"]: a["remove"] for a in actions
                   if "remove" in a and a["remove"].get("dataChange", True)}
        paired = set()
        for a in actions:
            add = a.get("add")
            if add is None or not add.get("dataChange", True):
                continue
            rows = _file_rows(root, add["path"])
            after = deleted_rows(root, add.get("deletionVector"))
            rm = removes.get(add["path"])
            if rm is None:
                emit(rows, set(range(len(rows))) - after, add.get("partitionValues"), "insert",
                     version)
                continue
            paired.add(add["path"])
            before = deleted_rows(root, rm.get("deletionVector"))
            emit(rows, after - before, add.get("partitionValues"), "delete", version)
            emit(rows, before - after, add.get("partitionValues"), "insert", version)
        for path, rm in removes.items():
            if path in paired:
                continue
            rows = _file_rows(root, path)
            gone = deleted_rows(root, rm.get("deletionVector"))
            emit(rows, set(range(len(rows))) - gone, rm.get("partitionValues"), "delete", version)
    return out
