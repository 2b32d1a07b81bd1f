"""The tables of bench/run_scan.sh, written with this project's own writer (delta_kernel):

    python scan_gen.py OUT_DIR [--rows N]

OUT_DIR/plain  10M rows, 8 columns, partitioned by `region` (4 values), ~100+ files with
               several row groups each. `day` rises with `id` and has no file statistics
               (delta.dataSkippingStatsColumns leaves it out), so a filter on it can only be
               skipped by the Parquet row groups' own statistics.
OUT_DIR/dv     the same rows with deletion vectors on, then 10% of them (qty = 3) deleted by
               Table.delete: every file carries a deletion vector.
OUT_DIR/cm     the same rows with column mapping in name mode (physical names differ).

Rows are generated from a fixed seed, batch by batch, so every variant holds the same data.
A variant that exists (a _delta_log with a commit) is kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa

import delta_kernel

REGIONS = np.array(["eu-west", "eu-north", "us-east", "ap-south"])
CATEGORIES = np.array(
    ["books", "music", "garden", "toys", "games", "sports", "tools", "food", "baby", "auto",
     "pets", "home"]
)
BATCH = 1_000_000
DAY0 = np.datetime64("2020-01-01", "D")
TARGET_FILE_SIZE = 3 * 1024 * 1024
ROW_GROUP_ROWS = 16 * 1024


def batches(rows: int):
    rng = np.random.default_rng(20260101)
    rows_per_day = max(rows // 1000, 1)
    for start in range(0, rows, BATCH):
        n = min(BATCH, rows - start)
        ids = np.arange(start, start + n, dtype=np.int64)
        days = (DAY0 + (ids // rows_per_day).astype("timedelta64[D]")).astype("datetime64[D]")
        customer = np.char.add("customer-", rng.integers(0, 2_000_000, n).astype(str))
        yield pa.record_batch(
            {
                "id": pa.array(ids),
                "region": pa.array(REGIONS[ids % len(REGIONS)]),
                "day": pa.array(days, type=pa.date32()),
                "customer": pa.array(customer),
                "category": pa.array(CATEGORIES[rng.integers(0, len(CATEGORIES), n)]),
                "amount": pa.array(np.round(rng.random(n) * 1000, 2)),
                "price": pa.array(rng.normal(50, 15, n)),
                "qty": pa.array(rng.integers(1, 11, n).astype(np.int32)),
            }
        )


SCHEMA = next(batches(1)).schema
STATS_COLUMNS = "id,region,customer,category,amount,price,qty"


def write(path: Path, rows: int, properties: dict[str, str]) -> None:
    if (path / "_delta_log" / "00000000000000000000.json").exists():
        print(f"[scan-gen] {path} exists, kept", file=sys.stderr)
        return
    print(f"[scan-gen] writing {path}", file=sys.stderr)
    reader = pa.RecordBatchReader.from_batches(SCHEMA, batches(rows))
    delta_kernel.write_table(
        str(path),
        reader,
        partition_by=["region"],
        properties={"delta.dataSkippingStatsColumns": STATS_COLUMNS, **properties},
        target_file_size=TARGET_FILE_SIZE,
        row_group_rows=ROW_GROUP_ROWS,
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--rows", type=int, default=10_000_000)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "plain", args.rows, {})
    write(args.out / "cm", args.rows, {"delta.columnMapping.mode": "name"})
    dv = args.out / "dv"
    fresh = not (dv / "_delta_log" / "00000000000000000000.json").exists()
    write(dv, args.rows, {"delta.enableDeletionVectors": "true"})
    if fresh or delta_kernel.Table(str(dv)).version == 0:
        print(f"[scan-gen] deleting 10% of {dv}", file=sys.stderr)
        delta_kernel.Table(str(dv)).delete("qty = 3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
