"""One table of the corpus: where it is written, the expectations it declares, and how its
writer (Delta Spark or delta-rs) reads each of them back into the expected Parquet files."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import pyarrow as pa
import pyarrow.parquet as pq


def iso_ms(ms: int) -> str:
    """ISO 8601 UTC with milliseconds: what the manifest records and both readers accept."""
    dt = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


class Case:
    def __init__(self, out: Path, name: str, writer: str, spark=None):
        self.name = name.replace("_", "-")
        self.dir = out / self.name
        self.root = self.dir / "delta"
        self.writer = writer
        self.spark = spark
        self.notes = ""
        self._expectations: list[dict[str, Any]] = []
        self.dir.mkdir(parents=True)

    # --- writing ------------------------------------------------------------------------------

    def sql(self, *statements: str) -> None:
        """Runs Spark SQL; {t} stands for this case's path table."""
        for statement in statements:
            self.spark.sql(statement.replace("{t}", f"delta.`{self.root}`")).collect()

    def conf(self, **settings: str) -> "_Conf":
        """Spark session settings for the duration of a with-block (keys with '__' for '.')."""
        return _Conf(self.spark, {k.replace("__", "."): v for k, v in settings.items()})

    def commit_ms(self, version: int) -> int:
        """The writer's own commit timestamp of ``version`` (ms since the epoch)."""
        if self.writer == "delta-spark":
            from delta.tables import DeltaTable

            rows = (DeltaTable.forPath(self.spark, str(self.root)).history()
                    .where(f"version = {version}").select("timestamp").collect())
            return int(rows[0]["timestamp"].replace(tzinfo=timezone.utc).timestamp() * 1000)
        import deltalake

        for entry in deltalake.DeltaTable(str(self.root)).history():
            if entry.get("version") == version:
                return int(entry["timestamp"])
        raise KeyError(version)

    # --- expectations -------------------------------------------------------------------------

    def expect_scan(self, id: str, *, version: Optional[int] = None,
                    at_commit_of: Optional[int] = None, filter: Optional[str] = None,
                    columns: Optional[list[str]] = None,
                    metadata_columns: Optional[list[str]] = None) -> None:
        """A scan: of the latest version, of ``version``, or at the timestamp of the commit of
        version ``at_commit_of`` (time travel by timestamp); optionally filtered (the predicate
        is read by both the writer and our kernel, so keep to the syntax they share), projected,
        and with metadata columns (_row_id, _row_commit_version)."""
        e: dict[str, Any] = {"id": id, "kind": "scan"}
        if version is not None:
            e["version"] = version
        if at_commit_of is not None:
            e["timestamp"] = iso_ms(self.commit_ms(at_commit_of))
            e["timestamp_version"] = at_commit_of
        if filter is not None:
            e["filter"] = filter
        if columns is not None:
            e["columns"] = columns
        if metadata_columns:
            e["metadata_columns"] = metadata_columns
        self._expectations.append(e)

    def expect_changes(self, id: str, start: int, end: Optional[int] = None, *,
                       by_timestamp: bool = False, filter: Optional[str] = None) -> None:
        """The change data feed from version ``start`` to ``end`` (default latest); with
        ``by_timestamp`` the bounds are given as those versions' commit timestamps."""
        e: dict[str, Any] = {"id": id, "kind": "changes", "start": start}
        if end is not None:
            e["end"] = end
        if by_timestamp:
            e["start_timestamp"] = iso_ms(self.commit_ms(start))
            if end is not None:
                e["end_timestamp"] = iso_ms(self.commit_ms(end))
        if filter is not None:
            e["filter"] = filter
        self._expectations.append(e)

    # --- reading back with the writer ---------------------------------------------------------

    def _read(self, e: dict[str, Any]) -> pa.Table:
        if self.writer == "delta-spark":
            return self._spark_read(e)
        return self._delta_rs_read(e)

    def _spark_read(self, e: dict[str, Any]) -> pa.Table:
        reader = self.spark.read.format("delta")
        if e["kind"] == "changes":
            reader = reader.option("readChangeFeed", "true")
            if "start_timestamp" in e:
                reader = reader.option("startingTimestamp", _spark_ts(e["start_timestamp"]))
                if "end_timestamp" in e:
                    reader = reader.option("endingTimestamp", _spark_ts(e["end_timestamp"]))
            else:
                reader = reader.option("startingVersion", e["start"])
                if "end" in e:
                    reader = reader.option("endingVersion", e["end"])
        elif "version" in e:
            reader = reader.option("versionAsOf", e["version"])
        elif "timestamp" in e:
            reader = reader.option("timestampAsOf", _spark_ts(e["timestamp"]))
        df = reader.load(str(self.root))
        if "filter" in e:
            df = df.filter(e["filter"])
        cols = [f"`{c}`" for c in e["columns"]] if "columns" in e else ["*"]
        for m in e.get("metadata_columns", []):
            cols.append(f"_metadata.{m.lstrip('_')} AS {m}")
        if cols != ["*"]:
            df = df.selectExpr(*cols)
        if "variant" in df.schema.simpleString():
            return _rows_with_variants(df)
        return df.toArrow()

    def _delta_rs_read(self, e: dict[str, Any]) -> pa.Table:
        import deltalake

        table = deltalake.DeltaTable(str(self.root))
        if e["kind"] == "changes":
            kwargs: dict[str, Any] = {"starting_version": e["start"]}
            if "end" in e:
                kwargs["ending_version"] = e["end"]
            t = pa.table(table.load_cdf(**kwargs).read_all())
            if "filter" in e:
                raise ValueError("filtered change feeds are read by Spark only")
            # delta-rs dates change rows by commitInfo.timestamp (the writer's clock), not by
            # the protocol's commit time (the log file's modification time, without in-commit
            # timestamps): they can differ by a millisecond, so that column is not expected.
            e["unchecked_columns"] = ["_commit_timestamp"]
            return _plain_types(t.drop_columns(["_commit_timestamp"]))
        if "version" in e:
            table.load_as_version(e["version"])
        elif "timestamp" in e:
            table.load_as_version(datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00")))
        cols = ", ".join(f'"{c}"' for c in e["columns"]) if "columns" in e else "*"
        query = f"SELECT {cols} FROM t" + (f" WHERE {e['filter']}" if "filter" in e else "")
        result = deltalake.QueryBuilder().register("t", table).execute(query)
        return _plain_types(pa.table(result))

    def finish(self) -> None:
        """Reads every expectation back with the writer and writes the files and manifest."""
        if not any(e["id"] == "latest" for e in self._expectations):
            self._expectations.insert(0, {"id": "latest", "kind": "scan"})
        for e in self._expectations:
            table = self._read(e)
            if e["id"] == "latest":
                rel = "expected/part-00000.parquet"
            else:
                rel = f"expectations/{e['id']}.parquet"
            (self.dir / rel).parent.mkdir(exist_ok=True)
            pq.write_table(table, self.dir / rel)
            e["file"] = rel
            e["rows"] = table.num_rows
        manifest = {
            "name": self.name,
            "writer": self.writer,
            "writer_version": Case.writer_versions()[self.writer],
            "table": "delta",
            "notes": self.notes,
            "expectations": self._expectations,
        }
        (self.dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")

    @staticmethod
    def writer_versions() -> dict[str, str]:
        from importlib.metadata import version

        out = {"delta-rs": version("deltalake")}
        try:
            out["delta-spark"] = version("delta-spark")
        except Exception:  # noqa: BLE001  (not installed: delta-rs only)
            out["delta-spark"] = "absent"
        return out


def _plain_types(t: pa.Table) -> pa.Table:
    """delta-rs's representation in the types every reader has: string views as strings, the
    change feed's commit version as int64 and its commit timestamp (naive milliseconds, meaning
    UTC) as the UTC timestamp the protocol says it is. Values are unchanged."""
    fields = []
    for f in t.schema:
        if f.name == "_commit_version":
            f = f.with_type(pa.int64())
        elif f.name == "_commit_timestamp":
            f = f.with_type(pa.timestamp("us", tz="UTC"))
        elif pa.types.is_string_view(f.type):
            f = f.with_type(pa.string())
        elif pa.types.is_binary_view(f.type):
            f = f.with_type(pa.binary())
        fields.append(f)
    return t.cast(pa.schema(fields))


def _rows_with_variants(df) -> pa.Table:
    """Spark's Arrow export cannot hold null variants: collect the rows instead, each variant
    as the struct of its binary metadata and value (the protocol's unshredded form)."""
    from pyspark.sql.types import VariantVal

    def plain(v):
        if isinstance(v, VariantVal):
            return {"metadata": bytes(v.metadata), "value": bytes(v.value)}
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return pa.Table.from_pylist([plain(r.asDict(recursive=True)) for r in df.collect()])


def _spark_ts(iso: str) -> str:
    """Spark's timestampAsOf form of an ISO UTC time (the session time zone is UTC)."""
    return re.sub(r"Z$", "", iso).replace("T", " ")


class _Conf:
    def __init__(self, spark, settings: dict[str, str]):
        self.spark, self.settings, self.saved = spark, settings, {}

    def __enter__(self):
        for k, v in self.settings.items():
            self.saved[k] = self.spark.conf.get(k, None)
            self.spark.conf.set(k, v)

    def __exit__(self, *exc):
        for k, old in self.saved.items():
            if old is None:
                self.spark.conf.unset(k)
            else:
                self.spark.conf.set(k, old)
