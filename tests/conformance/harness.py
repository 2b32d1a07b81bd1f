"""Shared pieces of the conformance tests: where things are, which tables exist, running the CLI.

Table discovery runs at collection time (it only lists archives, never extracts them), so each
table becomes its own test id; extraction happens once per session in conftest.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DELTA_SHARED_DIR", REPO.parent / "shared"))
CONFORMANCE = SHARED / "conformance"

# The corpus sits beside our checkout, not in the repository: a user's clone has no ../shared,
# and every test that needs it skips, naming the missing directory.
MISSING_CONFORMANCE = (f"conformance tables not found: {CONFORMANCE} does not exist "
                       "(set DELTA_SHARED_DIR to the folder holding conformance/)")

# For tests that reach the corpus other than through the `extract` and `conformance` fixtures,
# above all those parametrized over discovered tables: with no corpus their parameter lists are
# empty, and this mark gives their skip the reason above.
requires_conformance = pytest.mark.skipif(not CONFORMANCE.is_dir(), reason=MISSING_CONFORMANCE)


def import_delta_kernel() -> None:
    """Makes delta_kernel importable: installed, on PYTHONPATH, or else the package the main
    build lays out in $BUILD_DIR/python (default <repo>/build/python)."""
    try:
        import delta_kernel  # noqa: F401
    except ImportError:
        built = Path(os.environ.get("BUILD_DIR", REPO / "build")) / "python"
        if not (built / "delta_kernel").is_dir():
            raise ImportError(
                f"delta_kernel is not importable and {built}/delta_kernel does not exist: build "
                "with scripts/setup.sh (or pip install .), or put its directory on PYTHONPATH"
            ) from None
        sys.path.insert(0, str(built))


def require_conformance() -> None:
    """Skips the calling test or fixture when there is no conformance directory."""
    if not CONFORMANCE.is_dir():
        pytest.skip(MISSING_CONFORMANCE)


def cli_path() -> Path:
    """The delta-kernel binary: $DELTA_KERNEL_CLI, else $BUILD_DIR/bin, else <repo>/build/bin."""
    if "DELTA_KERNEL_CLI" in os.environ:
        return Path(os.environ["DELTA_KERNEL_CLI"])
    build = Path(os.environ.get("BUILD_DIR", REPO / "build"))
    return build / "bin" / "delta-kernel"


# Exit codes documented in `delta-kernel --help`.
EXIT_CODES = {
    "InvalidArgument": 2,
    "NotFound": 3,
    "InvalidTable": 4,
    "Unsupported": 5,
    "IoError": 6,
    "PermissionDenied": 7,
    "Conflict": 8,
    "Cancelled": 9,
    "Internal": 10,
    "ResourceExhausted": 11,
}

# Tables whose latest snapshot must fail, by table name, with the error kind.
EXPECTED_ERRORS = {
    "no-delta-log-folder": "NotFound",
    "deltalog-invalid-protocol-version": "Unsupported",
    "deltalog-state-reconstruction-without-metadata": "InvalidTable",
    "deltalog-state-reconstruction-without-protocol": "InvalidTable",
    "deltalog-state-reconstruction-from-checkpoint-missing-metadata": "InvalidTable",
    "deltalog-state-reconstruction-from-checkpoint-missing-protocol": "InvalidTable",
    "versions-not-contiguous": "InvalidTable",
    # A _delta_log holding only a (malformed) checksum file.
    "crc-malformed": "InvalidTable",
    # Its log has a protocol and adds but no metaData action in any commit.
    "data-reader-absolute-paths-escaped-chars": "InvalidTable",
}

# Valid tables that need a feature this kernel does not implement, by table name: reading any
# version must fail with Unsupported naming the feature (the reference reader reads them).
UNSUPPORTED_FEATURES = {
    "table-with-geo": "geospatial",  # src/protocol/table_features.cc: no geometry read path
}

# Too big to time-travel through in every run: only the latest version is checked.
BIG_TABLES = {"300k-add-files-100-col-partitioned"}


@dataclass(frozen=True)
class TableCase:
    """One Delta table of the conformance corpus."""

    id: str  # test id, e.g. "golden/checkpoint", "golden/hive/deltatbl-partitioned"
    name: str  # the archive's or directory's name (keys EXPECTED_ERRORS)
    source: Path  # the .tar.zst archive or the directory
    rel: str  # the table root relative to the extraction directory (or to `source`'s parent)

    @property
    def is_archive(self) -> bool:
        return self.source.name.endswith(".tar.zst")

    @property
    def expected_error(self) -> str | None:
        return EXPECTED_ERRORS.get(self.name)

    @property
    def unsupported_feature(self) -> str | None:
        return UNSUPPORTED_FEATURES.get(self.name)

    @property
    def big(self) -> bool:
        return self.name in BIG_TABLES


def _table_roots(name: str, dirs: set[str]) -> list[str]:
    """Table roots among `dirs` (relative paths of every directory under the entry, starting
    with `name`): each directory holding a `_delta_log`. When there is none, the entry itself
    (or its `delta/` folder, the golden layout) is the table, and reading it must fail."""
    roots = sorted(d.rsplit("/", 1)[0] for d in dirs if d.endswith("/_delta_log"))
    # A table's own _delta_log may hold more directories; never treat those as tables.
    roots = [r for r in roots if "/_delta_log" not in r]
    if roots:
        return roots
    return [f"{name}/delta"] if f"{name}/delta" in dirs else [name]


def _archive_dirs(archive: Path) -> set[str]:
    out = subprocess.run(["tar", "--zstd", "-tf", str(archive)], check=True,
                         capture_output=True, text=True).stdout
    dirs = set()
    for member in out.splitlines():
        parts = member.rstrip("/").split("/")
        # Every ancestor directory of the member (and the member itself when it is a dir).
        limit = len(parts) if member.endswith("/") else len(parts) - 1
        for i in range(1, limit + 1):
            dirs.add("/".join(parts[:i]))
    return dirs


def _tree_dirs(directory: Path) -> set[str]:
    base = directory.parent
    dirs = {directory.name}
    for dirpath, dirnames, _ in os.walk(directory):
        for d in dirnames:
            dirs.add(str(Path(dirpath, d).relative_to(base)))
    return dirs


def _case_id(group: str, name: str, root: str) -> str:
    # golden/NAME, golden/hive/deltatbl-x, tables/partition_cm/id
    sub = root[len(name):].lstrip("/")
    if sub == "delta" or sub.startswith("delta/"):
        sub = sub[len("delta"):].lstrip("/")
    return f"{group}/{name}" + (f"/{sub}" if sub else "")


def discover_tables() -> list[TableCase]:
    """Every table under golden/*.tar.zst and tables/* (directories and .tar.zst archives)."""
    cases = []
    for group in ("golden", "tables"):
        folder = CONFORMANCE / group
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.name.endswith(".tar.zst"):
                name = entry.name[: -len(".tar.zst")]
                dirs = _archive_dirs(entry)
            elif entry.is_dir():
                name = entry.name
                dirs = _tree_dirs(entry)
            else:
                continue  # e.g. expected-result files next to the archives
            for root in _table_roots(name, dirs):
                cases.append(TableCase(_case_id(group, name, root), name, entry, root))
    return cases


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)

    def json_lines(self) -> list:
        return [json.loads(line) for line in self.stdout.splitlines() if line]

    def error_kind(self) -> str | None:
        """The <Kind> of an "error: <Kind>: <message>" line on stderr."""
        for line in self.stderr.splitlines():
            if line.startswith("error: "):
                return line[len("error: "):].split(":", 1)[0]
        return None


def run_cli(*args: str | os.PathLike, timeout: float = 600, cwd=None) -> CliResult:
    proc = subprocess.run([str(cli_path()), *map(str, args)], capture_output=True,
                          timeout=timeout, cwd=cwd)
    # Output must be valid UTF-8 (the JSON writer replaces invalid bytes).
    return CliResult(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def iso(epoch_ms: int) -> str:
    """ISO 8601 UTC with milliseconds, as the CLI prints timestamps."""
    dt = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(milliseconds=epoch_ms)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{epoch_ms % 1000:03d}Z"


def assert_ok(res: CliResult) -> None:
    assert res.returncode == 0, f"exit {res.returncode}: {res.stderr}"
    assert res.stderr == "", res.stderr


def assert_error(res: CliResult, kinds: str | set[str]) -> None:
    """The command failed with one of `kinds`: "error: <Kind>: ..." on stderr, the kind's exit
    code, and nothing on stdout."""
    kinds = {kinds} if isinstance(kinds, str) else kinds
    assert res.returncode != 0, f"expected {kinds}, but it succeeded:\n{res.stdout[:2000]}"
    kind = res.error_kind()
    assert kind in kinds, f"expected {kinds}, got stderr: {res.stderr}"
    assert res.returncode == EXIT_CODES[kind], f"exit code {res.returncode} for {kind}"
    assert res.stdout == ""
