"""pytest fixtures for the conformance tests: session-wide extraction of the table archives."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from harness import TableCase, cli_path, require_conformance


@pytest.fixture(scope="session")
def cli() -> Path:
    path = cli_path()
    assert path.is_file(), (f"{path} does not exist: build the project first "
                            "(scripts/setup.sh) or set DELTA_KERNEL_CLI")
    return path


@pytest.fixture(scope="session")
def extract(tmp_path_factory):
    """extract(case) -> the table root on disk; each archive is extracted once per session."""
    require_conformance()
    done: dict[Path, Path] = {}

    def table_root(case: TableCase) -> Path:
        if not case.is_archive:
            return case.source.parent / case.rel
        if case.source not in done:
            dest = tmp_path_factory.mktemp(case.name)
            subprocess.run(["tar", "--zstd", "-xf", str(case.source), "-C", str(dest)],
                           check=True)
            done[case.source] = dest
        return done[case.source] / case.rel

    return table_root
