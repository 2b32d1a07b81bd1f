"""pytest fixtures for the interop tests: where the delta-kernel CLI and delta-table-gen are."""

from __future__ import annotations

import os
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
