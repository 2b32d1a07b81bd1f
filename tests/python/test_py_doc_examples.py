"""The examples of the operation docs stay true.

Every fenced example in the docs named below is checked in its own language:

- ```python blocks run, on a fresh copy of a scratch table that stands in for "/data/events";
- CLI blocks (lines starting "$ delta-kernel") run on a fresh copy too (with their
  "$ printf ... > file" steps, in a scratch directory holding changes.parquet), each command must
  succeed and, where the doc shows output, its last line must read as the doc's last line does
  (numbers, times and URIs aside);
- ```cpp and ```c blocks compile against include/ (syntax and signatures: every function,
  field and enum named must exist with the arguments given), each wrapped in a function whose
  parameters are the handles the examples assume (engine, table, snapshot, a source stream);
  the C blocks of the operation docs are also linked with libdelta_kernel_c and run, each on a
  fresh copy of the scratch table, and must leave no error set and handle none.

The README's CLI walkthrough (`$ build/bin/delta-kernel ...`) runs in order on a scratch
directory. A new example in these docs is checked without touching this file; an example that needs a
name the wrappers lack fails, naming the doc and its line.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import delta_kernel as dk
from harness import REPO, cli_path

DOCS = ["docs/checkpoints.md", "docs/maintenance.md", "docs/dml.md", "docs/c-api.md",
        "README.md"]
# The README's Python quick start is run by test_py_readme.py; its C and C++ blocks are
# compiled here and its CLI walkthrough run by test_readme_cli_walkthrough.
RUN_DOCS = ["docs/checkpoints.md", "docs/maintenance.md", "docs/dml.md"]
TABLE = "/data/events"


def fenced_blocks(doc: str) -> list[tuple[str, str, int]]:
    """(language, text, line) of every fenced block of `doc`; an indented block (in a list
    item) loses its indentation."""
    text = (REPO / doc).read_text()
    out = []
    for m in re.finditer(r"^( *)```(\w*)\n(.*?)^\1```", text, re.M | re.S):
        indent = len(m.group(1))
        body = "".join(line[indent:] if line[:indent].isspace() else line
                       for line in m.group(3).splitlines(keepends=True))
        out.append((m.group(2), body, text.count("\n", 0, m.start()) + 1))
    return out


def examples(lang: str, docs: list[str]) -> list[tuple[str, str]]:
    """(id "doc:line", text) of the blocks in `lang` ("cli": plain or console blocks with
    delta-kernel commands)."""
    out = []
    for doc in docs:
        for block_lang, text, line in fenced_blocks(doc):
            if lang == "cli":
                if block_lang in ("", "console") and re.search(r"^\$ delta-kernel ", text, re.M):
                    out.append((f"{doc}:{line}", text))
            elif block_lang == lang:
                out.append((f"{doc}:{line}", text))
    return out


# --- the scratch table ----------------------------------------------------------------------

SCHEMA = pa.schema([
    ("id", pa.int64()), ("day", pa.string()), ("user_id", pa.int64()),
    ("ts", pa.timestamp("us", tz="UTC")), ("score", pa.float64()), ("note", pa.string()),
])
DAYS = ["2023-12-30", "2023-12-31", "2026-12-01", "2026-12-02"]


def batch(first_id: int, n: int) -> pa.Table:
    ids = list(range(first_id, first_id + n))
    return pa.table({
        "id": ids,
        "day": [DAYS[i % len(DAYS)] for i in ids],
        "user_id": [(i * 7919) % 101 for i in ids],
        "ts": pa.array([1_793_491_200_000_000 + i * 3_600_000_000 for i in ids],  # 2026-11-01
                       pa.timestamp("us", tz="UTC")),
        "score": [float(i % 13) for i in ids],
        "note": [None if i % 5 == 0 else f"n{i}" for i in ids],
    }).cast(SCHEMA)


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> Path:
    """Versions 0-14 of a table partitioned by day, with deletion vectors and the change data
    feed: appends of 8 rows (16 in the last; ids 0-119) over four days, two of them in 2023,
    and the automatic checkpoint of version 10. Commits 0-12 are dated 2025-11-30 (hour =
    version), older than the log retention, and 13-14 2026-12-02, so "2026-12-01T00:00:00Z" is
    version 12 and log cleanup may cut at the checkpoint."""
    path = tmp_path_factory.mktemp("docs") / "events"
    dk.Table.create(path, SCHEMA, partition_by=["day"], properties={
        "delta.enableDeletionVectors": "true", "delta.enableChangeDataFeed": "true"})
    for i in range(14):  # version 0 is the create: 14 appends make versions 1-14
        dk.write_table(path, batch(i * 8, 8 if i < 13 else 16), mode="append")
    for v in range(15):
        day = datetime(2025, 11, 30, tzinfo=timezone.utc) if v <= 12 else \
            datetime(2026, 12, 2, tzinfo=timezone.utc)
        t = day.timestamp() + v * 3600
        os.utime(path / "_delta_log" / f"{v:020d}.json", (t, t))
    return path


@pytest.fixture
def scratch(events: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "events"
    shutil.copytree(events, copy)  # copies modification times too
    return copy


def location(doc_path: str, scratch: Path, tmp_path: Path) -> str:
    """Where a doc's "/data/NAME" is: the scratch table for /data/events, a fresh directory
    for any other name (examples that create their own table)."""
    return str(scratch if doc_path == TABLE else tmp_path / doc_path.rsplit("/", 1)[1])


def changes_table() -> pa.Table:
    """A merge source: ids 4 and 6 changed (6 marked deleted), 200 and 201 new."""
    rows = batch(4, 3).filter(pc.is_in(pc.field("id"), pa.array([4, 6])))
    new = batch(200, 2)
    source = pa.concat_tables([rows, new])
    source = source.set_column(4, "score", pa.array([99.0, 98.0, 1.0, 2.0]))
    return source.append_column("deleted", pa.array([False, True, False, False]))


# --- Python ---------------------------------------------------------------------------------

@pytest.mark.parametrize("where,snippet", examples("python", RUN_DOCS),
                         ids=[w for w, _ in examples("python", RUN_DOCS)])
def test_python_example_runs(where: str, snippet: str, scratch: Path, tmp_path: Path) -> None:
    code = re.sub(r"/data/\w+", lambda m: location(m.group(0), scratch, tmp_path), snippet)
    names = {"delta_kernel": dk, "changes": changes_table(),
             "new_rows": batch(100, 4).filter(pc.field("id") >= 100)}
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, where, "exec"), names)
    finally:
        os.chdir(cwd)


# --- CLI ------------------------------------------------------------------------------------

def mask(line: str) -> str:
    """A line with its URIs, numbers and times reduced to their shape."""
    line = re.sub(r"file://\S+", "URI", line.strip())
    return re.sub(r"\d+", "N", line)


def balanced(command: str) -> bool:
    """Whether `command` closes its quotes (a quoted argument may go on over lines)."""
    try:
        shlex.split(command)
        return True
    except ValueError:
        return False


def cli_commands(block: str) -> list[tuple[str, list[str]]]:
    """(command, output lines the doc shows) for each "$ " line (with "\\" continuations and
    quotes that go on over lines)."""
    out: list[tuple[str, list[str]]] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.startswith("$ "):
            if out:
                out[-1][1].append(line)
            continue
        command = line[2:]
        while (command.endswith("\\") or not balanced(command)) and i < len(lines):
            command = command.removesuffix("\\") + " " + lines[i].strip()
            i += 1
        out.append((command, []))
    return out


@pytest.mark.parametrize("where,block", examples("cli", RUN_DOCS),
                         ids=[w for w, _ in examples("cli", RUN_DOCS)])
def test_cli_example_runs(where: str, block: str, scratch: Path, tmp_path: Path) -> None:
    pq.write_table(changes_table(), tmp_path / "changes.parquet")
    for command, shown in cli_commands(block):
        args = [re.sub(r"^/data/\w+", lambda m: location(m.group(0), scratch, tmp_path), a)
                for a in shlex.split(command)]
        run_cli_step(where, command, args, "delta-kernel", shown, tmp_path)


def run_cli_step(where: str, command: str, args: list[str], cli_name: str, shown: list[str],
                 cwd: Path) -> None:
    """Runs one `$ ` line of an example: our CLI (named `cli_name` in the text) or a printf
    shell step (printf 'id\\n1\\n' > rows.csv); it must succeed, and its last output line
    must be the last one the doc shows, numbers, times and URIs aside."""
    if args[0] == cli_name:
        proc = subprocess.run([str(cli_path()), *args[1:]], capture_output=True, text=True,
                              cwd=cwd, timeout=300)
    else:
        assert args[0] == "printf", f"{where}: only delta-kernel and printf run: {command}"
        proc = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=cwd,
                              timeout=60)
    assert proc.returncode == 0, f"{where}: {command}\n{proc.stderr}"
    if shown:
        last = proc.stdout.splitlines()[-1] if proc.stdout else ""
        assert mask(last) == mask(shown[-1]), f"{where}: {command}\n{proc.stdout}"


# --- C++ and C: compiled --------------------------------------------------------------------

CPP_PRELUDE = """\
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "delta/arrow_c.h"
#include "delta/checkpoint.h"
#include "delta/default_engine.h"
#include "delta/delete.h"
#include "delta/log_cleanup.h"
#include "delta/log_compaction.h"
#include "delta/merge.h"
#include "delta/optimize.h"
#include "delta/restore.h"
#include "delta/scan.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/timestamp_text.h"
#include "delta/transaction.h"
#include "delta/update.h"
#include "delta/vacuum.h"
#include "delta/write_table.h"
"""

CPP_WRAPPER = """\
#line 1 "{where}"
[[maybe_unused]] static delta::Status Example{n}(
    std::shared_ptr<delta::Engine> engine, delta::Table table,
    std::shared_ptr<const delta::Snapshot> snapshot, ArrowArrayStream source_stream,
    ArrowArrayStream stream, std::string location) {{
  {{
{body}
  }}
  return delta::Status::OK();
}}
"""

C_PRELUDE = """\
#include <stdint.h>
#include <stdio.h>

#include "delta/c/delta_kernel.h"
"""

C_WRAPPER = """\
#line 1 "{where}"
static int example_{n}(delta_engine* engine, delta_table* table, delta_snapshot* snapshot,
                       struct ArrowArrayStream source_stream, struct ArrowArrayStream stream,
                       const char* const* columns, const char* const* values, int64_t size,
                       int64_t mtime, const char* stats_json, delta_scan* scan,
                       uint64_t first_row, uint64_t batch_rows, uint8_t* keep) {{
  delta_error* err = NULL;
  delta_error* error = NULL;
  {{
{body}
  }}
  return 0;
}}
"""


def split_file_scope(snippet: str) -> tuple[str, str]:
    """(file-scope part, function-body part): #include lines, and definitions that start at
    column 0 (`static void f(...) {` ... `}`, a whole function), go to file scope."""
    top, body = [], []
    lines = snippet.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#include"):
            top.append(line)
        elif re.match(r"^(static\s+)?[\w:<>*]+\s+\**\w+\(.*", line) and \
                (line.rstrip().endswith("{") or line.rstrip().endswith(",")):
            while i < len(lines) and lines[i] != "}":
                top.append(lines[i])
                i += 1
            if i < len(lines):
                top.append(lines[i])
        else:
            body.append(line)
        i += 1
    return "\n".join(top), "\n".join(body)


def compile_snippets(lang: str, tmp_path: Path) -> None:
    blocks = examples(lang, DOCS)
    assert blocks, f"no {lang} examples found"
    prelude, wrapper = (CPP_PRELUDE, CPP_WRAPPER) if lang == "cpp" else (C_PRELUDE, C_WRAPPER)
    tops, functions = [], []
    for n, (where, snippet) in enumerate(blocks):
        top, body = split_file_scope(snippet)
        if top:
            tops.append(f'#line 1 "{where}"\n{top}')
        functions.append(wrapper.format(where=where, n=n, body=body))
    source = tmp_path / ("examples.cc" if lang == "cpp" else "examples.c")
    source.write_text(prelude + "\n".join(tops) + "\n" + "\n".join(functions))
    if lang == "cpp":
        compiler = [os.environ.get("CXX", "c++"), "-std=c++20"]
    else:
        compiler = [os.environ.get("CC", "cc"), "-std=c99", "-Werror=implicit-function-declaration",
                    "-Werror=incompatible-pointer-types", "-Werror=int-conversion"]
    if shutil.which(compiler[0]) is None:
        pytest.skip(f"no compiler {compiler[0]}")
    proc = subprocess.run([*compiler, "-fsyntax-only", "-I", str(REPO / "include"), str(source)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_cpp_examples_compile(tmp_path: Path) -> None:
    compile_snippets("cpp", tmp_path)


def test_c_examples_compile(tmp_path: Path) -> None:
    compile_snippets("c", tmp_path)


# --- the README's CLI walkthrough -----------------------------------------------------------

def test_readme_cli_walkthrough(tmp_path: Path) -> None:
    """The README's `build/bin/delta-kernel` examples, in order (they build on each other):
    /tmp/events is a scratch directory, the sample table is the repository's."""
    blocks = [text for lang, text, _ in fenced_blocks("README.md")
              if lang in ("", "console") and "$ build/bin/delta-kernel " in text]
    assert len(blocks) >= 5
    for block in blocks:
        for command, shown in cli_commands(block):
            command = (command.replace("/tmp/events", str(tmp_path / "events"))
                       .replace("examples/sample-table", str(REPO / "examples" / "sample-table")))
            run_cli_step("README", command, shlex.split(command), "build/bin/delta-kernel",
                         shown, tmp_path)


# --- C: run ---------------------------------------------------------------------------------

C_RUN_MAIN = """\
int main(int argc, char** argv) {
  if (argc != 4) return 2;
  const int n = atoi(argv[1]);
  delta_error* e = NULL;
  delta_engine* engine = delta_engine_new_default(NULL, NULL, 0, &e);
  delta_table* table = delta_table_open(argv[2], engine, &e);
  delta_snapshot* snapshot = delta_table_latest_snapshot(table, &e);
  /* the merge source: the rows of a table of changes */
  delta_table* changes = delta_table_open(argv[3], engine, &e);
  delta_snapshot* changes_snapshot = delta_table_latest_snapshot(changes, &e);
  delta_scan_builder* builder = delta_scan_builder_new(changes_snapshot);
  delta_scan* scan = delta_scan_builder_build(builder, &e);
  struct ArrowArrayStream source_stream, unused;
  memset(&unused, 0, sizeof unused);
  if (e != NULL || delta_scan_execute(scan, &source_stream, &e) != DELTA_OK) {
    fprintf(stderr, "setup: %s\\n", delta_error_message(e));
    return 2;
  }
  int rc = 2;
  switch (n) {
{cases}
  }
  if (source_stream.release != NULL) source_stream.release(&source_stream);
  delta_scan_free(scan);
  delta_scan_builder_free(builder);
  delta_snapshot_free(changes_snapshot);
  delta_table_free(changes);
  delta_snapshot_free(snapshot);
  delta_table_free(table);
  delta_engine_free(engine);
  return rc;
}
"""

C_DATA_PATH = """\
/* A doc's "/data/NAME": $DELTA_DOC_DATA/NAME (a few may be alive at once). */
static const char* data_path(const char* name) {
  static char paths[4][4096];
  static int next = 0;
  char* out = paths[next++ % 4];
  snprintf(out, sizeof paths[0], "%s/%s", getenv("DELTA_DOC_DATA"), name);
  return out;
}
"""

C_RUN_WRAPPER = """\
#line 1 "{where}"
static int example_{n}(delta_engine* engine, delta_table* table, delta_snapshot* snapshot,
                       struct ArrowArrayStream source_stream) {{
  delta_error* err = NULL;
  delta_error* error = NULL;
  const char* const* columns = NULL;
  const char* const* values = NULL;
  {{
{body}
  }}
  if (err != NULL || error != NULL) {{
    fprintf(stderr, "error left: %s\\n", delta_error_message(err != NULL ? err : error));
    return 1;
  }}
  if (errors_freed > 0) {{
    fprintf(stderr, "the example handled an error (printed above)\\n");
    return 1;
  }}
  (void)columns;
  (void)values;
  return 0;
}}
"""


def test_c_examples_run(events: Path, tmp_path: Path) -> None:
    """The C examples of the operation docs, built against libdelta_kernel_c and run, each on
    a fresh copy of the scratch table: each exits with no error left set and none handled
    (freed) on the way."""
    build = cli_path().resolve().parent.parent
    lib = next((p for p in [build / "libdelta_kernel_c.so", build / "lib" / "libdelta_kernel_c.so"]
                if p.exists()), None)
    compiler = os.environ.get("CC", "cc")
    if lib is None or shutil.which(compiler) is None:
        pytest.skip(f"no libdelta_kernel_c.so under {build} or no compiler {compiler}")
    blocks = examples("c", RUN_DOCS)
    tops, functions, cases = [], [], []
    for n, (where, snippet) in enumerate(blocks):
        top, body = split_file_scope(snippet)
        body = re.sub(r'"/data/(\w+)"', lambda m: f'data_path("{m.group(1)}")', body)
        if top:
            tops.append(f'#line 1 "{where}"\n{top}')
        functions.append(C_RUN_WRAPPER.format(where=where, n=n, body=body))
        cases.append(f"    case {n}: rc = example_{n}(engine, table, snapshot, source_stream); "
                     "source_stream.release = NULL; break;")
    # An example that frees an error it handled leaves no dangling pointer behind.
    prelude = (C_PRELUDE + "#include <stdlib.h>\n#include <string.h>\n"
               "static int errors_freed = 0;\n"
               "#define delta_error_free(e) (delta_error_free(e), (e) = NULL, ++errors_freed)\n"
               + C_DATA_PATH)
    source = tmp_path / "run_examples.c"
    source.write_text(prelude + "\n".join(tops) + "\n" + "\n".join(functions) + "\n"
                      + C_RUN_MAIN.replace("{cases}", "\n".join(cases)))
    binary = tmp_path / "run_examples"
    proc = subprocess.run([compiler, "-std=c99", "-o", str(binary), str(source), "-I",
                           str(REPO / "include"), f"-L{lib.parent}", "-ldelta_kernel_c",
                           f"-Wl,-rpath,{lib.parent}"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    changes = tmp_path / "changes"
    dk.write_table(changes, changes_table())
    for n, (where, snippet) in enumerate(blocks):
        run = tmp_path / f"run{n}"
        shutil.copytree(events, run / "events")
        tracked = run / "tracked"
        dk.Table.create(tracked, pa.schema([("id", pa.int64())]),
                        properties={"delta.enableRowTracking": True})
        dk.write_table(tracked, pa.table({"id": [1, 2, 3]}), mode="append")
        # Each example's "/data/NAME" is $DELTA_DOC_DATA/NAME: its own directory.
        proc = subprocess.run([str(binary), str(n), str(run / "events"), str(changes)],
                              capture_output=True, text=True, cwd=run, timeout=300,
                              env={**os.environ, "DELTA_DOC_DATA": str(run)})
        assert proc.returncode == 0, f"{where}\n{proc.stderr}"
