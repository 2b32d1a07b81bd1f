"""Under a memory limit, a table whose log needs more memory than the process may have fails
with a clean ResourceExhausted error naming the file (exit code 11), never with a signal
(SIGABRT from std::bad_alloc escaping a thread, SIGSEGV) or an out-of-memory kill. The same
through the Python package: ResourceExhaustedError (a DeltaError and a MemoryError), then a
clean interpreter exit."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from harness import EXIT_CODES, REPO, cli_path

# Far more than the limit below: reading it whole cannot succeed. Sparse: costs no disk.
HUGE = 64 << 30
# Room for the process itself (its code, Arrow's, thread stacks, allocator arenas).
LIMIT = 3 << 30

pytestmark = pytest.mark.skipif(
    os.environ.get("DELTA_SANITIZE") is not None, reason="sanitizers reserve the address space")


def make_table(root: Path) -> Path:
    log = root / "_delta_log"
    log.mkdir(parents=True)
    schema = {"type": "struct", "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}}]}
    actions = [
        {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
        {"metaData": {"id": "t", "format": {"provider": "parquet", "options": {}},
                      "schemaString": json.dumps(schema), "partitionColumns": [],
                      "configuration": {}}},
    ]
    (log / f"{0:020d}.json").write_text("".join(json.dumps(a) + "\n" for a in actions))
    with open(log / f"{1:020d}.json", "wb") as f:
        f.truncate(HUGE)
    return root


def limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


@pytest.mark.parametrize("command", ["info", "files", "history"])
def test_cli_reports_resource_exhausted(tmp_path: Path, command: str) -> None:
    table = make_table(tmp_path / "t")
    proc = subprocess.run([str(cli_path()), command, str(table)], capture_output=True,
                          timeout=120, preexec_fn=limit_address_space)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == EXIT_CODES["ResourceExhausted"], (proc.returncode, stderr)
    assert stderr.startswith("error: ResourceExhausted: "), stderr
    assert f"{1:020d}.json" in stderr, stderr
    assert "out of memory" in stderr, stderr
    assert proc.stdout == b""


def test_python_raises_resource_exhausted(tmp_path: Path) -> None:
    table = make_table(tmp_path / "t")
    script = f"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({LIMIT}, {LIMIT}))
import delta_kernel as dk
try:
    dk.Table({str(table)!r}).snapshot()
except dk.ResourceExhaustedError as e:
    assert isinstance(e, dk.DeltaError) and isinstance(e, MemoryError)
    print("caught:", e.kind, e.message)
    sys.exit(0)
print("no error")
sys.exit(1)
"""
    build = Path(os.environ.get("BUILD_DIR", REPO / "build"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in [str(build / "python"), env.get("PYTHONPATH", "")] if p)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                          env=env)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    # 0: the error was raised as the right class and the interpreter then shut down cleanly.
    assert proc.returncode == 0, (proc.returncode, out, err)
    assert out.startswith("caught: ResourceExhausted "), out
    assert f"{1:020d}.json" in out and "out of memory" in out, out
