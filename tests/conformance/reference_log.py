"""An independent, deliberately minimal reader of a Delta transaction log: the test oracle.

Written from PROTOCOL.md (delta-io/delta), not from any implementation. It answers one
question, "what is the table at version V": the version, protocol, metadata, and the set of
live logical files keyed by (canonical path, deletion-vector unique id). It favours being
obviously correct over being fast: it lists `_delta_log` itself (`_last_checkpoint` is only a
hint, so it is never needed), reads checkpoints with pyarrow, and replays JSON commits in order.

Errors carry the kind a reader should report: NotFound, InvalidTable or Unsupported.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyarrow.parquet as pq

# The reader protocol versions this oracle (and any current reader) can understand.
MAX_READER_VERSION = 3

_COMMIT = re.compile(r"^(\d{20})\.json$")
_CLASSIC_CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint\.parquet$")
_MULTIPART_CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$")
_UUID_CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint\.([^.]+)\.(json|parquet)$")
_CRC = re.compile(r"^(\d{20})\.crc$")
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PROTOCOL_REQUIRED = ("minReaderVersion", "minWriterVersion")
# schemaString is required too, but Delta's reference implementation reads a metaData without
# one as an empty schema, and so do we (see EMPTY_SCHEMA).
_METADATA_REQUIRED = ("id", "format", "partitionColumns", "configuration")
EMPTY_SCHEMA = '{"type":"struct","fields":[]}'


class LogError(Exception):
    """The log cannot produce a snapshot; `kind` is the error kind a reader must report."""

    def __init__(self, kind: str, message: str):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


FileKey = tuple[str, "str | None"]


@dataclass
class Snapshot:
    """The table at one version, as the protocol defines it."""

    version: int
    protocol: dict
    metadata: dict
    # Live logical files: (canonical path, DV unique id or None) -> the add action.
    files: dict[FileKey, dict]
    checkpoint_version: int | None
    # Commit timestamp in ms (in-commit timestamp when enabled, else the commit file's mtime);
    # None when version `version` has no commit file left.
    timestamp: int | None
    txns: dict[str, int] = field(default_factory=dict)

    @property
    def size_in_bytes(self) -> int:
        return sum(int(a["size"]) for a in self.files.values())


@dataclass
class _Checkpoint:
    version: int
    kind: str  # "classic" | "multipart" | "uuid"
    files: list[Path]


def dv_unique_id(dv: dict | None) -> str | None:
    """PROTOCOL.md "Deletion Vector Descriptor": storageType + pathOrInlineDv [+ "@" + offset]."""
    if not dv:
        return None
    uid = f"{dv['storageType']}{dv['pathOrInlineDv']}"
    if dv.get("offset") is not None:
        uid += f"@{dv['offset']}"
    return uid


def canonical_path(raw: str, table_root: str) -> str:
    """A file action's path as one absolute, decoded URI, so that differently written names of
    the same file compare equal: paths are RFC 2396 URIs, relative to the table root unless
    absolute; "file:/x", "file:///x" and "/x" all name the local file /x."""
    if _URI_SCHEME.match(raw):
        scheme, rest = raw.split(":", 1)
        scheme = scheme.lower()
        if scheme == "file":
            if rest.startswith("//"):
                authority, _, path = rest[2:].partition("/")
                if authority not in ("", "localhost"):
                    return f"file://{authority}/{unquote(path)}"
                rest = "/" + path
            return "file://" + unquote(rest)
        return f"{scheme}:{unquote(rest)}"
    if raw.startswith("/"):
        return "file://" + unquote(raw)
    return "file://" + posixpath.join(table_root, unquote(raw))


def file_key(action: dict, table_root: str) -> FileKey:
    return (canonical_path(action["path"], table_root), dv_unique_id(action.get("deletionVector")))


class DeltaLog:
    """The `_delta_log` of the table at `table_root` (a local directory)."""

    def __init__(self, table_root: str | os.PathLike):
        self.root = Path(table_root).resolve()
        self.log_dir = self.root / "_delta_log"
        if not self.log_dir.is_dir():
            raise LogError("NotFound", f"{self.root} has no _delta_log directory")
        self.commits: dict[int, Path] = {}
        self.crcs: dict[int, Path] = {}
        candidates: dict[tuple[int, str, str], list[tuple[int, int, Path]]] = {}
        for entry in sorted(os.listdir(self.log_dir)):
            path = self.log_dir / entry
            if not path.is_file():
                continue
            if m := _COMMIT.match(entry):
                self.commits[int(m[1])] = path
            elif m := _CRC.match(entry):
                self.crcs[int(m[1])] = path
            elif m := _CLASSIC_CHECKPOINT.match(entry):
                candidates.setdefault((int(m[1]), "classic", entry), []).append((1, 1, path))
            elif m := _MULTIPART_CHECKPOINT.match(entry):
                key = (int(m[1]), "multipart", m[3])
                candidates.setdefault(key, []).append((int(m[2]), int(m[3]), path))
            elif m := _UUID_CHECKPOINT.match(entry):
                candidates.setdefault((int(m[1]), "uuid", entry), []).append((1, 1, path))
        # A checkpoint is usable only when complete: a multi-part one needs all its parts.
        self.checkpoints: dict[int, _Checkpoint] = {}
        preference = {"uuid": 0, "classic": 1, "multipart": 2}
        for (version, kind, _), parts in sorted(candidates.items()):
            total = parts[0][1]
            if sorted(p[0] for p in parts) != list(range(1, total + 1)):
                continue
            current = self.checkpoints.get(version)
            if current is None or preference[kind] < preference[current.kind]:
                files = [p[2] for p in sorted(parts)]
                self.checkpoints[version] = _Checkpoint(version, kind, files)

    # --- which versions exist -----------------------------------------------------------------

    def latest_version(self) -> int:
        versions = set(self.commits) | set(self.checkpoints)
        if not versions:
            if self.crcs:
                raise LogError("InvalidTable",
                               f"{self.log_dir} has checksum files but no commit or checkpoint")
            raise LogError("NotFound", f"{self.log_dir} holds no commit or checkpoint")
        return max(versions)

    def _plan(self, version: int) -> tuple[int | None, list[int]]:
        """(checkpoint version or None, commit versions to replay after it) for `version`."""
        latest = self.latest_version()
        if version < 0 or version > latest:
            raise LogError("NotFound", f"version {version} does not exist (latest is {latest})")
        usable = [v for v in self.checkpoints if v <= version]
        start = max(usable) if usable else None
        first = 0 if start is None else start + 1
        missing = [v for v in range(first, version + 1) if v not in self.commits]
        if missing:
            if start is None and 0 in missing and not any(v < version for v in self.commits):
                raise LogError("NotFound", f"version {version} is no longer reconstructable")
            raise LogError("InvalidTable",
                           f"commit versions not contiguous: missing {missing} up to {version}")
        return start, list(range(first, version + 1))

    def reconstructable_versions(self) -> list[int]:
        """Every version whose commits (from 0, or after a checkpoint) are all present."""
        out = []
        for v in range(self.latest_version() + 1):
            try:
                self._plan(v)
            except LogError:
                continue
            out.append(v)
        return out

    # --- reading ------------------------------------------------------------------------------

    @staticmethod
    def _json_actions(path: Path) -> list[dict]:
        actions = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    actions.append(json.loads(line))
        return actions

    @staticmethod
    def _parquet_actions(path: Path) -> list[dict]:
        pf = pq.ParquetFile(path)
        wanted = ["add", "remove", "metaData", "protocol", "txn", "sidecar", "checkpointMetadata"]
        columns = [c for c in wanted if c in pf.schema_arrow.names]
        table = pf.read(columns=columns)
        actions = []
        for name in columns:
            # Maps (partitionValues, configuration, tags) as dicts, like the JSON form.
            for value in table.column(name).to_pylist(maps_as_pydicts="strict"):
                if value is not None:
                    actions.append({name: value})
        return actions

    def _sidecar_path(self, raw: str) -> Path:
        if _URI_SCHEME.match(raw) or raw.startswith("/"):
            return Path(canonical_path(raw, str(self.root)).removeprefix("file://"))
        return self.log_dir / "_sidecars" / unquote(raw)

    def _checkpoint_actions(self, cp: _Checkpoint) -> list[dict]:
        actions = []
        for path in cp.files:
            part = (self._json_actions(path) if path.suffix == ".json"
                    else self._parquet_actions(path))
            actions.extend(part)
            # A v2-spec checkpoint (UUID-named or classic-named) may keep its file actions in
            # sidecars.
            for a in part:
                if "sidecar" in a:
                    actions.extend(self._parquet_actions(self._sidecar_path(a["sidecar"]["path"])))
        return actions

    def commit_actions(self, version: int) -> list[dict]:
        return self._json_actions(self.commits[version])

    def commit_info(self, version: int) -> dict | None:
        for a in self.commit_actions(version):
            if "commitInfo" in a:
                return a["commitInfo"]
        return None

    def snapshot(self, version: int | None = None) -> Snapshot:
        if version is None:
            version = self.latest_version()
        start, replay = self._plan(version)
        root = str(self.root)
        protocol = metadata = None
        files: dict[FileKey, dict] = {}
        txns: dict[str, int] = {}

        def apply(actions: list[dict], from_checkpoint: bool) -> None:
            nonlocal protocol, metadata
            # Actions within one commit are unordered; a commit may remove (path, dv1) and add
            # (path, dv2). Apply its removes first, then its adds.
            for a in actions:
                if "protocol" in a:
                    protocol = a["protocol"]
                elif "metaData" in a:
                    metadata = a["metaData"]
                elif "txn" in a:
                    txns[a["txn"]["appId"]] = a["txn"]["version"]
                elif "remove" in a and not from_checkpoint:
                    files.pop(file_key(a["remove"], root), None)
            for a in actions:
                if "add" in a:
                    files[file_key(a["add"], root)] = a["add"]

        if start is not None:
            apply(self._checkpoint_actions(self.checkpoints[start]), from_checkpoint=True)
        for v in replay:
            apply(self.commit_actions(v), from_checkpoint=False)

        where = f"{self.root} at version {version}"
        if protocol is None:
            raise LogError("InvalidTable", f"no protocol action in {where}")
        if metadata is None:
            raise LogError("InvalidTable", f"no metaData action in {where}")
        # PROTOCOL.md marks these fields required.
        for action, fields in ((protocol, _PROTOCOL_REQUIRED), (metadata, _METADATA_REQUIRED)):
            missing = [f for f in fields if action.get(f) is None]
            if missing:
                raise LogError("InvalidTable", f"{missing} missing from {action} in {where}")
        if int(protocol["minReaderVersion"]) > MAX_READER_VERSION:
            raise LogError("Unsupported",
                           f"reader version {protocol['minReaderVersion']} in {where}")
        return Snapshot(version=version, protocol=protocol, metadata=metadata, files=files,
                        checkpoint_version=start, timestamp=self._timestamp(version, metadata),
                        txns=txns)

    def _timestamp(self, version: int, metadata: dict) -> int | None:
        if version not in self.commits:
            return None
        config = metadata.get("configuration") or {}
        if config.get("delta.enableInCommitTimestamps") == "true":
            info = self.commit_info(version) or {}
            if "inCommitTimestamp" in info:
                return int(info["inCommitTimestamp"])
        return self.commits[version].stat().st_mtime_ns // 1_000_000

    def file_timestamps(self, monotonic: bool) -> dict[int, int]:
        """Each commit's file modification time in ms; with `monotonic`, each raised to one
        more than its predecessor's when not later (how Delta's reference implementation
        orders commits whose clocks went backwards; not part of PROTOCOL.md)."""
        out, prev = {}, None
        for v in sorted(self.commits):
            ts = self.commits[v].stat().st_mtime_ns // 1_000_000
            if monotonic and prev is not None and ts <= prev:
                ts = prev + 1
            out[v] = prev = ts
        return out

    def history(self) -> list[tuple[int, dict | None]]:
        """(version, commitInfo) of the contiguous run of commits ending at the latest version,
        newest first."""
        out = []
        v = self.latest_version()
        while v in self.commits:
            out.append((v, self.commit_info(v)))
            v -= 1
        return out
