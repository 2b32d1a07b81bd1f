"""The peers' side of the large-write benchmark (bench/run_write.sh): the rows
bench/write_bench.cc generates, generated the same way and written by delta-rs or by pyarrow
alone (the floor: the Parquet file without a Delta log or Delta statistics).

    python deltars_write_bench.py --side deltars|pyarrow|gen --dir D [--rows R] [--batch-rows B]

  deltars  deltalake.write_deltalake(D, reader, mode="error"): a new, unpartitioned table
  pyarrow  pyarrow.dataset.write_dataset(reader, D, format="parquet") with row groups of
           1,048,576 rows (the C++ default engine's), snappy, one file
  gen      generate and drop the batches (the generator's own cost)
Prints one JSON line: seconds from the first batch to the end of the write, CPU seconds (user +
system, every thread) in that time, files, bytes, peak RSS of the process and the RSS after the
imports (baseline).
"""

import argparse
import json
import os
import resource
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

TS_BASE_MICROS = 1_700_000_000 * 1_000_000
SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("value", pa.float64()),
        ("name", pa.string()),
        ("ts", pa.timestamp("us", tz="UTC")),
    ]
)


def batches(rows, batch_rows):
    for start in range(0, rows, batch_rows):
        ids = np.arange(start, min(rows, start + batch_rows), dtype=np.int64)
        yield pa.record_batch(
            [
                pa.array(ids),
                pa.array(((ids * 2654435761) % 1000003) / 1000.0),
                pc.binary_join_element_wise("user-", pc.cast(pa.array(ids % 100003), pa.string()), ""),
                pa.array(TS_BASE_MICROS + ids * 1_000_000, type=pa.timestamp("us", tz="UTC")),
            ],
            schema=SCHEMA,
        )


def cpu_s():
    ru = resource.getrusage(resource.RUSAGE_SELF)  # every thread of the process
    return ru.ru_utime + ru.ru_stime


def rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--side", choices=["deltars", "pyarrow", "gen"], required=True)
    ap.add_argument("--dir")
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--batch-rows", type=int, default=65_536)
    a = ap.parse_args()
    if a.side != "gen":
        if not a.dir or os.path.exists(a.dir):
            raise SystemExit("--dir must name a new directory")
    if a.side == "deltars":
        from deltalake import write_deltalake
    else:
        import pyarrow.dataset as ds
    baseline = rss_kb()

    start, cpu_start = time.perf_counter(), cpu_s()
    reader = pa.RecordBatchReader.from_batches(SCHEMA, batches(a.rows, a.batch_rows))
    if a.side == "deltars":
        write_deltalake(os.path.abspath(a.dir), reader, mode="error")
    elif a.side == "pyarrow":
        ds.write_dataset(
            reader, a.dir, format="parquet", min_rows_per_group=1 << 20,
            max_rows_per_group=1 << 20,
            file_options=ds.ParquetFileFormat().make_write_options(compression="snappy"),
        )
    else:
        for _ in reader:
            pass
    seconds, cpu = time.perf_counter() - start, cpu_s() - cpu_start

    files = nbytes = 0
    if a.side != "gen":
        for root, _, names in os.walk(a.dir):
            for n in names:
                if n.endswith(".parquet"):
                    files += 1
                    nbytes += os.path.getsize(os.path.join(root, n))
    print(
        json.dumps(
            {
                "side": a.side,
                "rows": a.rows,
                "seconds": round(seconds, 4),
                "cpu_s": round(cpu, 4),
                "files": files,
                "bytes": nbytes,
                "peak_rss_kb": rss_kb(),
                "baseline_rss_kb": baseline,
            }
        )
    )


if __name__ == "__main__":
    main()
