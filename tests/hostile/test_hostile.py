"""Every hostile table (tests/hostile/make_tables.py) through the CLI, the C ABI and the Python
package: each run gives the expected error kind and message, or the expected rows, in bounded
time and memory, and never a crash, a hang or a row from outside the table.

Each read runs in its own process under a time limit and an address-space limit, so a crash is
reported as a signal instead of taking pytest down.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
import make_tables  # noqa: E402

TIME_LIMIT_S = 60
MEMORY_LIMIT = 4 << 30  # address space: the kernel's pools reserve more than they touch

BUILD = Path(os.environ.get("BUILD_DIR", REPO / "build")).resolve()
CLI = Path(os.environ.get("DELTA_KERNEL_CLI", BUILD / "bin" / "delta-kernel"))
C_READER = BUILD / "bin" / "delta_read_all"

# The CLI's exit code for each error kind (tools/cli_common.cc); the C ABI's delta_error_code.
CLI_EXIT = {"InvalidArgument": 2, "NotFound": 3, "InvalidTable": 4, "Unsupported": 5,
            "IoError": 6, "PermissionDenied": 7}
C_CODE = {"NotFound": 1, "InvalidTable": 2, "Unsupported": 3, "IoError": 5,
          "InvalidArgument": 6, "PermissionDenied": 7}
PY_ERROR = {"NotFound": "NotFoundError", "InvalidTable": "InvalidTableError",
            "Unsupported": "UnsupportedError", "IoError": "DeltaIOError",
            "PermissionDenied": "PermissionDeniedError", "InvalidArgument": "InvalidArgumentError"}

PY_READER = r"""
import sys, delta_kernel
opts = dict(a.split("=", 1) for a in sys.argv[2:])
kwargs = {}
if "external_locations" in opts:
    kwargs["external_locations"] = opts["external_locations"]
if "allow_location" in opts:
    kwargs["allowed_locations"] = [opts["allow_location"]]
try:
    t = delta_kernel.Table(sys.argv[1], **kwargs).scan().to_arrow()
except delta_kernel.DeltaError as e:
    print(type(e).__name__ + ": " + str(e), file=sys.stderr)
    sys.exit(1)
print("rows:", t.num_rows)
"""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run(argv: list[str], env=None) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, errors="replace",
                          timeout=TIME_LIMIT_S, preexec_fn=_limits, env=env)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("hostile")
    cases = make_tables.build(out)
    return out, cases


def _runs():
    # Case names are fixed by the generator; build them once into a throwaway list for ids.
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        for c in make_tables.build(Path(d)):
            for i, run in enumerate(c["runs"]):
                yield pytest.param(c["name"], i, id=f"{c['name']}-{i}")


RUNS = list(_runs())


def _case(corpus, name: str, index: int) -> tuple[Path, dict]:
    out, cases = corpus
    case = next(c for c in cases if c["name"] == name)
    return out / name, case["runs"][index]


def _check(proc: subprocess.CompletedProcess, run: dict, exit_for_kind: dict | None,
           kind_prefix: dict | None) -> None:
    assert proc.returncode >= 0, (
        f"killed by signal {-proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}")
    if "rows" in run:
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip().splitlines()[-1] == f"rows: {run['rows']}", proc.stdout
        return
    assert proc.returncode != 0, f"expected {run['kind']} but read: {proc.stdout}"
    assert "666" not in proc.stdout  # no secret row, ever
    assert run["message"] in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "terminate called" not in proc.stderr, proc.stderr
    if run["kind"] and exit_for_kind is not None:
        assert proc.returncode == exit_for_kind[run["kind"]], proc.stderr
    if run["kind"] and kind_prefix is not None:
        assert proc.stderr.startswith(kind_prefix[run["kind"]] + ": "), proc.stderr


@pytest.mark.parametrize("name,index", RUNS)
def test_cli(corpus, name, index):
    if not CLI.is_file():
        pytest.skip(f"{CLI} is not built")
    table, run = _case(corpus, name, index)
    argv = [str(CLI), "scan", str(table), "--format", "csv"]
    for k, v in run["options"].items():
        argv += ["--" + k.replace("_", "-"), v]
    proc = _run(argv)
    if "rows" in run and proc.returncode == 0:
        lines = proc.stdout.strip().splitlines()
        proc = subprocess.CompletedProcess(argv, 0, f"rows: {len(lines) - 1}\n", proc.stderr)
    _check(proc, run, CLI_EXIT, None)


@pytest.mark.parametrize("name,index", RUNS)
def test_c_abi(corpus, name, index):
    if not C_READER.is_file():
        pytest.skip(f"{C_READER} is not built")
    table, run = _case(corpus, name, index)
    argv = [str(C_READER)]
    for k, v in run["options"].items():
        argv += ["-o", f"{k}={v}"]
    proc = _run(argv + [str(table)])
    # Errors found while rows stream arrive as stream errors (EIO) carrying the message.
    if "kind" in run and proc.stderr.startswith("StreamError("):
        assert proc.returncode == 1
        run = dict(run, kind="")
    _check(proc, run, C_CODE, None)


@pytest.mark.parametrize("name,index", RUNS)
def test_python(corpus, name, index):
    table, run = _case(corpus, name, index)
    env = dict(os.environ)
    built = BUILD / "python"
    if built.is_dir():
        env["PYTHONPATH"] = str(built) + os.pathsep + env.get("PYTHONPATH", "")
    argv = [sys.executable, "-c", PY_READER, str(table)]
    argv += [f"{k}={v}" for k, v in run["options"].items()]
    proc = _run(argv, env)
    if proc.returncode != 0 and "No module named 'delta_kernel'" in proc.stderr:
        pytest.skip("delta_kernel is not importable")
    _check(proc, run, None, PY_ERROR)


def test_corpus_lists_every_folder(corpus):
    out, cases = corpus
    folders = {p.name for p in out.iterdir() if p.is_dir()} - {"outside"}
    assert folders == {c["name"] for c in cases}
    assert json.loads((out / "cases.json").read_text())["cases"] == cases
