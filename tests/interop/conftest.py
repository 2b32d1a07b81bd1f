"""pytest fixtures for the interop tests: where the delta-kernel CLI and delta-table-gen are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _bin_dir() -> Path:
    # Same rule as tests/conformance: $DELTA_KERNEL_CLI, else $BUILD_DIR/bin, else build/bin.
    if "DELTA_KERNEL_CLI" in os.environ:
        return Path(os.environ["DELTA_KERNEL_CLI"]).parent
    return Path(os.environ.get("BUILD_DIR", REPO / "build")) / "bin"


@pytest.fixture(scope="session")
def cli() -> Path:
    path = Path(os.environ.get("DELTA_KERNEL_CLI", _bin_dir() / "delta-kernel"))
    assert path.is_file(), f"{path} does not exist: build first (scripts/setup.sh)"
    return path


@pytest.fixture(scope="session")
def table_gen() -> Path:
    """delta-table-gen: $DELTA_TABLE_GEN, else next to the CLI."""
    path = Path(os.environ.get("DELTA_TABLE_GEN", _bin_dir() / "delta-table-gen"))
    assert path.is_file(), f"{path} does not exist: build first (scripts/setup.sh)"
    return path


# --- Delta Spark and delta-rs as peers (peers.py) -----------------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests" / "conformance"))
import peers  # noqa: E402
from harness import import_delta_kernel  # noqa: E402

import_delta_kernel()


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """The one SparkSession of the run, started by the first test that asks for it. Where Spark
    cannot run the test skips naming why, or fails when CI=true (CI must run the peers)."""
    reason = peers.spark_unavailable_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Delta Spark is required in CI: {reason}")
        pytest.skip(reason)
    session = peers.start_spark(tmp_path_factory.mktemp("spark"))
    yield session
    peers.stop_spark(session)


@pytest.fixture
def spark_table(spark, tmp_path):
    """spark_table(name, *statements) -> path: runs the SQL statements with ``{t}`` standing
    for a new path table tmp_path/name (peers.spark_sql), and returns that path."""

    def make(name: str, *statements: str) -> Path:
        root = tmp_path / name
        peers.spark_sql(spark, *statements, t=root)
        return root

    return make


def pytest_terminal_summary(terminalreporter):
    if peers.PeerTimer.startup_seconds is not None:
        terminalreporter.write_line(
            f"Delta Spark peer: session start {peers.PeerTimer.startup_seconds:.1f} s, "
            f"Spark reads and writes {peers.PeerTimer.spark_seconds:.1f} s"
            + (f", JVM CPU {peers.PeerTimer.jvm_cpu_seconds:.1f} s"
               if peers.PeerTimer.jvm_cpu_seconds is not None else "")
        )
