"""The build's delta_kernel beside a pyarrow other than the one it was built with, or none.

Run by tests/python/test_py_arrow_compat.py with another virtual environment's python (from
scripts/setup-arrow-compat.sh) and PYTHONPATH at the build's python/ directory:

    arrow_compat_check.py TABLE_DIR [--global]

If that environment has pyarrow, it is imported FIRST (its own Arrow C++ is in the process
before the kernel's), and data crosses both ways: pyarrow tables are written, scans are read
into pyarrow. With --global, pyarrow is loaded RTLD_GLOBAL, as some frameworks do, so its Arrow
symbols are visible to every library loaded later. Without pyarrow, polars writes and reads and nanoarrow reads, and the pyarrow-only
helpers say clearly that pyarrow is missing. Prints one line of JSON; exits 1 on a mismatch.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

_flags = sys.getdlopenflags()
if "--global" in sys.argv:
    sys.setdlopenflags(os.RTLD_GLOBAL | os.RTLD_NOW)
try:
    import pyarrow as pa  # first, on purpose
    import pyarrow.compute  # noqa: F401  (more of its Arrow in the process)
except ImportError:
    pa = None
sys.setdlopenflags(_flags)

import polars as pl

import delta_kernel as dk

UTC = dt.timezone.utc


def check(got, want, what):
    if got != want:
        print(f"MISMATCH {what}: got {got!r}, want {want!r}", file=sys.stderr)
        sys.exit(1)


def loaded_arrow_libraries() -> list[str]:
    names = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            base = path.rsplit("/", 1)[-1]
            if base.startswith(("libarrow.so", "libdelta_private_arrow.so")):
                names.add(base)
    return sorted(names)


def main(location: str) -> None:
    check("pyarrow" in sys.modules, pa is not None, "delta_kernel imports no pyarrow")

    # Polars sends string_view and nanosecond timestamps: cast by the module's own Arrow.
    first = pl.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["a", "bb", None],
            "at": [dt.datetime(2024, 1, 2, 3, 4, 5, 6000 * i) for i in range(3)],
        },
        schema={"id": pl.Int64, "name": pl.String, "at": pl.Datetime("ns", "UTC")},
    )
    result = dk.write_table(location, first, mode="error")
    check(result.version, 0, "first commit")

    if pa is not None:
        # pyarrow's data in: a pyarrow table of this pyarrow version, large_string included.
        second = pa.table(
            {
                "id": pa.array([4, 5], pa.int64()),
                "name": pa.array(["dddd", "e"], pa.large_string()),
                "at": pa.array(
                    [dt.datetime(2025, 6, 7, tzinfo=UTC), None], pa.timestamp("us", "UTC")
                ),
            }
        )
    else:
        second = pl.DataFrame(
            {"id": [4, 5], "name": ["dddd", "e"], "at": [dt.datetime(2025, 6, 7), None]},
            schema={"id": pl.Int64, "name": pl.String, "at": pl.Datetime("us", "UTC")},
        )
    check(dk.write_table(location, second, mode="append").version, 1, "append")

    table = dk.Table(location)
    check(table.version, 1, "version")
    scan = table.scan(columns=["id", "name", "at"], filter="id >= 2 AND name IS NOT NULL")
    want = [
        (2, "bb", dt.datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)),
        (4, "dddd", dt.datetime(2025, 6, 7, tzinfo=UTC)),
        (5, "e", None),
    ]
    rows = sorted(pl.DataFrame(scan).iter_rows())
    check(rows, want, "rows through polars")

    report = {"pyarrow": pa.__version__ if pa is not None else None}
    if pa is not None:
        # The kernel's stream into this pyarrow: its Arrow reads the kernel's Arrow's batches.
        got = pa.table(scan).sort_by("id")
        check(got.column("id").to_pylist(), [2, 4, 5], "ids through pyarrow")
        check(got.column("name").to_pylist(), ["bb", "dddd", "e"], "names through pyarrow")
        check(str(got.schema.field("at").type), "timestamp[us, tz=UTC]", "timestamp type")
        check(scan.to_arrow().num_rows, 3, "to_arrow()")
        check(str(table.schema), str(got.schema), "Table.schema")
        check(table.files().num_rows, 2, "files()")
        libs = loaded_arrow_libraries()
        check(any(lib.startswith("libarrow.so.") for lib in libs), True, f"pyarrow's Arrow: {libs}")
        check("libdelta_private_arrow.so.2500" in libs, True, f"the kernel's Arrow: {libs}")
        report["libraries"] = libs
    else:
        import nanoarrow as na

        ids = sorted(na.ArrayStream(scan).read_all().child(0).to_pylist())
        check(ids, [2, 4, 5], "ids through nanoarrow")
        for call, name in ((lambda: scan.to_arrow(), "to_arrow()"), (lambda: table.schema, "schema")):
            try:
                call()
            except ImportError as e:
                check("needs pyarrow, which is not installed" in str(e), True, f"{name}: {e}")
            else:
                check(name, "an ImportError", "pyarrow-only helper without pyarrow")
        check(loaded_arrow_libraries(), ["libdelta_private_arrow.so.2500"], "Arrow libraries")

    # The kernel reads its own stream back (a scan is Arrow data): a copy of the filtered rows.
    copy = location + "-copy"
    dk.write_table(copy, scan, mode="error")
    check(sorted(pl.DataFrame(dk.Table(copy).scan()).iter_rows()), want, "copied rows")
    report["rows"] = len(rows)
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
