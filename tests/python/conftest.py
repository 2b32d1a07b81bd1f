"""Fixtures of the Python package tests: the package, and tables to read.

delta_kernel must be importable: scripts/test.sh builds it into <build>/python and puts that on
PYTHONPATH; `pip install .` works too. Conformance tables are extracted once per session with
the helpers of tests/conformance (harness.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "conformance"))
from harness import CONFORMANCE, REPO, import_delta_kernel, require_conformance  # noqa: E402

import_delta_kernel()

SAMPLE_TABLE = REPO / "examples" / "sample-table"


@pytest.fixture(scope="session")
def sample_table() -> Path:
    return SAMPLE_TABLE


@pytest.fixture(scope="session")
def conformance(tmp_path_factory):
    """conformance("golden/NAME") or conformance("tables/NAME") -> the table root on disk.

    Archives are extracted once per session; golden archives hold NAME/delta (the table) and
    NAME/expected; conformance.expected(name) returns the latter."""
    require_conformance()
    done: dict[Path, Path] = {}

    def root(rel: str) -> Path:
        group, name = rel.split("/", 1)
        archive = CONFORMANCE / group / f"{name}.tar.zst"
        if not archive.exists():
            directory = CONFORMANCE / group / name
            assert directory.is_dir(), f"no conformance table {rel} under {CONFORMANCE}"
            return directory
        if archive not in done:
            dest = tmp_path_factory.mktemp(name)
            subprocess.run(["tar", "--zstd", "-xf", str(archive), "-C", str(dest)], check=True)
            done[archive] = dest
        base = done[archive] / name
        return base / "delta" if (base / "delta").is_dir() else base

    def expected(rel: str) -> Path:
        return root(rel).parent / "expected"

    root.expected = expected  # type: ignore[attr-defined]
    return root
