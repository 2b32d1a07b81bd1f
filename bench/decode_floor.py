"""The floor under any checkpoint-based listing: CPU time Arrow C++ alone needs to decode the
`add` column of a table's checkpoint (parts and sidecars), single-threaded, best of 3.

    python bench/decode_floor.py TABLE_DIR [TABLE_DIR ...]

Uses pyarrow (the same Arrow C++ as the kernel's default engine) with 64k-row batches, as the
kernel reads. bench/analysis.md compares the kernel's per-file cost with this floor.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def checkpoint_files(table: Path) -> list[Path]:
    log = table / "_delta_log"
    return sorted(log.glob("*.checkpoint*.parquet")) + sorted((log / "_sidecars").glob("*.parquet"))


def decode_cpu_seconds(files: list[Path]) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(3):
        start, rows = time.process_time(), 0
        for f in files:
            pf = pq.ParquetFile(f)
            if "add" not in pf.schema_arrow.names:
                continue
            for batch in pf.iter_batches(batch_size=65536, columns=["add"], use_threads=False):
                rows += batch.num_rows
        best = min(best, time.process_time() - start)
    return best, rows


def main() -> int:
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    for arg in sys.argv[1:]:
        files = checkpoint_files(Path(arg))
        cpu, rows = decode_cpu_seconds(files)
        print(f"{arg}: {len(files)} files, {rows:,} rows, {cpu:.3f} s CPU "
              f"({cpu / max(rows, 1) * 1e9:.0f} ns per row)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
