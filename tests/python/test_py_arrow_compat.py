"""No Arrow lock-step: this build's delta_kernel works beside pyarrow 24 and 26 (imported
first, in the same process) and with no pyarrow at all, data crossing through the Arrow
PyCapsule interface only (tests/python/compat/arrow_compat_check.py, run with each virtual
environment's python; scripts/setup-arrow-compat.sh creates them). The suite's own venv covers
pyarrow 25."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import delta_kernel

CACHE = Path(os.environ.get("DELTA_KERNEL_CACHE", Path.home() / ".cache" / "delta-kernel-cpp"))
CHECK = Path(__file__).resolve().parent / "compat" / "arrow_compat_check.py"
# The directory delta_kernel is imported from (the build's python/, or site-packages).
PACKAGE_PARENT = Path(delta_kernel.__file__).resolve().parents[1]


def run_check(env_name: str, tmp_path: Path, *options: str) -> dict:
    python = CACHE / "arrow-compat" / env_name / "bin" / "python"
    if not python.exists():
        pytest.skip(f"no {python}: run scripts/setup-arrow-compat.sh")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(PACKAGE_PARENT)
    proc = subprocess.run(
        [str(python), str(CHECK), str(tmp_path / "table"), *options],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("major", [24, 26])
def test_beside_another_pyarrow(major: int, tmp_path: Path):
    report = run_check(f"pyarrow{major}", tmp_path)
    assert report["pyarrow"].split(".")[0] == str(major)
    # Both Arrow C++ builds live in the process, each used by its own side.
    assert report["libraries"] == [f"libarrow.so.{major}00", "libdelta_private_arrow.so.2500"]
    assert report["rows"] == 3


def test_beside_a_global_pyarrow(tmp_path: Path):
    """pyarrow 26 loaded RTLD_GLOBAL first: its Arrow symbols are visible process-wide, and the
    module (loaded RTLD_DEEPBIND) still uses its own."""
    report = run_check("pyarrow26", tmp_path, "--global")
    assert report["libraries"] == ["libarrow.so.2600", "libdelta_private_arrow.so.2500"]
    assert report["rows"] == 3


def test_without_pyarrow(tmp_path: Path):
    report = run_check("no-pyarrow", tmp_path)
    assert report == {"pyarrow": None, "rows": 3}


def test_module_needs_only_its_private_arrow():
    """The native module names no shared libarrow/libparquet: only its renamed copies."""
    module = next(Path(delta_kernel.__file__).parent.glob("_core*.so"))
    libs = Path(delta_kernel.__file__).parent / "_libs"
    if not libs.is_dir():
        pytest.skip("built against a system Arrow C++ (not bundled)")
    out = subprocess.run(["readelf", "-d", str(module)], capture_output=True, text=True,
                         check=True).stdout
    needed = [line.split("[")[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]
    arrow = sorted(n for n in needed if "arrow" in n or "parquet" in n)
    assert arrow == ["libdelta_private_arrow.so.2500", "libdelta_private_arrow_compute.so.2500",
                     "libdelta_private_parquet.so.2500"]
    assert "$ORIGIN/_libs" in out
    assert sorted(p.name for p in libs.iterdir()) == arrow


def test_array_input_is_cast_by_the_module(tmp_path: Path):
    """One struct array (``__arrow_c_array__`` only), with a large string and a dictionary, is
    written through the module's own Arrow and reads back as plain types."""
    import pyarrow as pa

    data = pa.StructArray.from_arrays(
        [
            pa.array([1, 2], pa.int64()),
            pa.array(["x", "yy"], pa.large_string()),
            pa.array(["a", "b"]).dictionary_encode(),
        ],
        names=["id", "s", "d"],
    )
    assert not hasattr(data, "__arrow_c_stream__")
    delta_kernel.write_table(str(tmp_path / "t"), data)
    got = delta_kernel.Table(str(tmp_path / "t")).scan().to_arrow().sort_by("id")
    assert got.to_pylist() == [{"id": 1, "s": "x", "d": "a"}, {"id": 2, "s": "yy", "d": "b"}]
    assert [str(f.type) for f in got.schema] == ["int64", "string", "string"]
