"""Writes the project's conformance corpus: small Delta tables written by Delta Spark and by
delta-rs, each with its writer's own reading of it as the expected results.

Usage: generate.py OUT_DIR [--only NAME ...]

OUT_DIR/<case>/ holds
  delta/             the table
  expected/          the writer's full scan at the latest version (Parquet), the layout of the
                     shared golden tables, so any harness can compare it as a multiset of rows
  expectations/      one Parquet file per further expectation
  manifest.json      what each expected file is (see docs/testing.md, "The corpus")

One SparkSession (local[2], 1 GiB, started by tests/interop/peers.py) serves every Spark case.
Cases are the functions of cases_spark.py and cases_delta_rs.py; each writes its table and
declares its expectations, which this module reads back with the writer and stores.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests" / "interop"))

import peers  # noqa: E402  (tests/interop/peers.py: starting Spark on the pinned jars)
from corpus_case import Case  # noqa: E402
import cases_delta_rs  # noqa: E402
import cases_spark  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--only", nargs="*", default=None, help="case names to write")
    args = parser.parse_args()

    only = {n.replace("-", "_") for n in args.only or []}
    spark_cases = [c for c in cases_spark.CASES if not only or c.__name__ in only]
    rs_cases = [c for c in cases_delta_rs.CASES if not only or c.__name__ in only]
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    written = []

    if spark_cases:
        reason = peers.spark_unavailable_reason()
        if reason:
            print(f"corpus: cannot start Delta Spark: {reason}", file=sys.stderr)
            return 3
        with tempfile.TemporaryDirectory(prefix="corpus-spark-") as scratch:
            spark = peers.start_spark(Path(scratch))
            try:
                for fn in spark_cases:
                    case = Case(args.out, fn.__name__, "delta-spark", spark=spark)
                    case.notes = " ".join((fn.__doc__ or "").split())
                    t0 = time.monotonic()
                    fn(case)
                    case.finish()
                    written.append(case.name)
                    print(f"corpus: {case.name} {time.monotonic() - t0:.1f} s", file=sys.stderr)
            finally:
                peers.stop_spark(spark)
    for fn in rs_cases:
        case = Case(args.out, fn.__name__, "delta-rs")
        case.notes = " ".join((fn.__doc__ or "").split())
        fn(case)
        case.finish()
        written.append(case.name)

    index = {"cases": sorted(written), "versions": Case.writer_versions()}
    (args.out / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    print(f"corpus: {len(written)} tables in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
