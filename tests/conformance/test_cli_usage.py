"""What a new user of the delta-kernel CLI meets first: --version, numeric arguments out of
range, spellings of the table location, and errors that say what is wrong with a table.
Messages and exit codes are asserted exactly."""

from __future__ import annotations

import re

import pytest

from harness import REPO, assert_error, run_cli

SAMPLE = REPO / "examples" / "sample-table"
INT64_MAX = 2**63 - 1


def project_version() -> str:
    text = (REPO / "CMakeLists.txt").read_text()
    return re.search(r"project\(delta_kernel_cpp VERSION (\S+)", text).group(1)


def test_version_flag():
    res = run_cli("--version")
    assert (res.returncode, res.stdout, res.stderr) == (0, f"delta-kernel {project_version()}\n", "")
    assert "--version" in run_cli("--help").stdout


# Every integer option of every command, with what else the command needs.
INT_OPTIONS = [
    (["info", SAMPLE], "--version"),
    (["files", SAMPLE], "--version"),
    (["scan", SAMPLE], "--version"),
    (["scan", SAMPLE], "--limit"),
    (["history", SAMPLE], "--limit"),
    (["changes", SAMPLE, "--from", "0"], "--to"),
    (["changes", SAMPLE, "--to", "5"], "--from"),
    (["changes", SAMPLE, "--from", "0"], "--limit"),
]


@pytest.mark.parametrize("args, option", INT_OPTIONS, ids=lambda v: v if isinstance(v, str) else v[0])
@pytest.mark.parametrize("value", [
    "99999999999999999999", str(INT64_MAX + 1), "-1", str(-(2**63)), "1.5", "abc", "1e3", "",
    " 1", "0x10",
])
def test_integer_option_out_of_range_is_a_usage_error(args, option, value):
    res = run_cli(*args, option, value)
    assert_error(res, "InvalidArgument")
    assert res.stderr == (f"error: InvalidArgument: {option} must be an integer from 0 to "
                          f"{INT64_MAX}, got '{value}'\n")


def test_integer_option_bounds_are_accepted():
    # The largest version is a valid request for a version the table does not have.
    res = run_cli("info", SAMPLE, "--version", str(INT64_MAX))
    assert_error(res, "NotFound")
    assert f"has no version {INT64_MAX}: the latest version is 5" in res.stderr
    res = run_cli("history", SAMPLE, "--limit", str(INT64_MAX))
    assert res.returncode == 0 and len(res.stdout.splitlines()) == 7  # header + versions 0-5
    res = run_cli("scan", SAMPLE, "--limit", "0", "--format", "csv")
    assert (res.returncode, res.stderr) == (0, "")
    assert res.stdout.count("\n") == 1  # the header only


# --- table locations and what is wrong with them -------------------------------------------------


def test_relative_file_uri_is_a_relative_path():
    by_path = run_cli("info", "sample-table", "--json", cwd=SAMPLE.parent)
    by_uri = run_cli("info", "file:sample-table", "--json", cwd=SAMPLE.parent)
    assert by_uri.returncode == 0, by_uri.stderr
    assert by_uri.json() == by_path.json()
    assert by_uri.json()["table"] == SAMPLE.resolve().as_uri()


def test_delta_log_that_is_a_file(tmp_path):
    (tmp_path / "_delta_log").write_text("x")
    res = run_cli("info", tmp_path)
    assert_error(res, "NotFound")
    uri = tmp_path.resolve().as_uri()
    assert res.stderr == (f"error: NotFound: no Delta table at {uri}: {uri}/_delta_log is a "
                          "file, not a directory\n")


def test_missing_data_file_names_table_version_and_file_once(tmp_path):
    import shutil

    table = tmp_path / "t"
    shutil.copytree(SAMPLE, table)
    missing = "region=eu-west/part-00000-6c88cb62-ba70-4017-b45f-b3e2087b867c-c000.snappy.parquet"
    (table / missing).unlink()
    uri = table.resolve().as_uri()
    for args in (["--format", "csv"], ["--format", "parquet", "--output", tmp_path / "o.parquet"]):
        res = run_cli("scan", table, *args)
        assert res.returncode == 3  # NotFound; CSV rows read before the error may be out
        assert res.stderr == (f"error: NotFound: table {uri}, version 5: opening "
                              f"'{uri}/{missing}': No such file or directory\n")


# --- history's times ---------------------------------------------------------------------------


def test_history_time_is_the_file_time_without_in_commit_timestamps(tmp_path):
    import json
    import os

    written, file_time = 1_700_000_000_000, 1_720_000_000_000
    log = tmp_path / "_delta_log"
    log.mkdir()
    schema = {"type": "struct", "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}}]}
    actions = [
        {"commitInfo": {"timestamp": written, "operation": "CREATE TABLE"}},
        {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
        {"metaData": {"id": "t", "format": {"provider": "parquet", "options": {}},
                      "schemaString": json.dumps(schema), "partitionColumns": [],
                      "configuration": {}}},
    ]
    commit = log / f"{0:020d}.json"
    commit.write_text("".join(json.dumps(a) + "\n" for a in actions))
    os.utime(commit, ns=(file_time * 1_000_000, file_time * 1_000_000))
    res = run_cli("history", tmp_path, "--json")
    assert res.returncode == 0, res.stderr
    (entry,) = res.json()
    assert (entry["timestamp"], entry["timestampIso"]) == (file_time, "2024-07-03T09:46:40.000Z")
    assert entry["commitInfo"]["timestamp"] == written
    help_text = " ".join(run_cli("history", "--help").stdout.split())
    assert "modification time of its file in _delta_log, which may differ from " \
           "commitInfo.timestamp" in help_text


# --- the README stays true ---------------------------------------------------------------------


def readme_cli_section() -> str:
    readme = (REPO / "README.md").read_text()
    return readme.split("## The `delta-kernel` CLI", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("command", ["info", "files", "history", "scan", "changes", "create",
                                     "append", "overwrite", "delete", "update", "merge",
                                     "checkpoint", "cleanup-log", "compact-log", "vacuum",
                                     "optimize",
                                     "restore"])
def test_readme_synopsis_lists_every_option(command):
    synopsis = readme_cli_section().split("```sh", 1)[1].split("```", 1)[0]
    usage = next(block for block in re.split(r"\n(?=build/bin/delta-kernel )", synopsis)
                 if block.startswith(f"build/bin/delta-kernel {command} "))
    # Options every command shares are spelled out once, on a "# NAME: ..." line.
    for name, spelled in re.findall(r"^# ([A-Z]+): (.*)$", synopsis, re.M):
        usage = usage.replace(f"[{name}]", spelled)
    res = run_cli(command, "--help")
    assert res.returncode == 0
    options = set(re.findall(r"^\s+(--[a-z-]+)", res.stdout, re.M)) - {"--help"}
    assert options, res.stdout
    missing = {o for o in options if o not in usage}
    assert not missing, f"README's synopsis of {command} lacks {sorted(missing)}"


def test_readme_explain_example():
    block = re.search(r"```console\n(\s*\$ build/bin/delta-kernel scan .*?--explain\n)(.*?)```",
                      readme_cli_section(), re.S)
    command, output = block.group(1), block.group(2)
    command = command.replace("\\\n", " ").strip().removeprefix("$ ")
    import json
    import shlex

    args = shlex.split(command)[1:]
    res = run_cli(*args, cwd=REPO)
    assert res.returncode == 0, res.stderr
    assert res.json() == json.loads(output)


# --- progress on stderr --------------------------------------------------------------------------


def run_with_terminal_stderr(*args):
    """Runs the CLI with stderr on a pseudo-terminal (stdout a pipe): (exit code, stdout,
    what the terminal received)."""
    import os
    import pty
    import subprocess

    from harness import cli_path

    master, slave = pty.openpty()
    proc = subprocess.Popen([str(cli_path()), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=slave)
    os.close(slave)
    received = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        received += chunk
    out = proc.stdout.read()
    proc.wait()
    os.close(master)
    return proc.returncode, out.decode(), received.decode()


SCAN_CSV = ["scan", SAMPLE, "--columns", "id", "--format", "csv"]


def rows(csv: str) -> list[str]:
    return sorted(csv.splitlines())  # batches come in no particular order


def test_progress_on_a_terminal_is_rewritten_in_place_then_cleared():
    plain = run_cli(*SCAN_CSV)
    rc, out, terminal = run_with_terminal_stderr(*SCAN_CSV)
    assert (rc, rows(out)) == (0, rows(plain.stdout))
    # Each state overwrites the line (carriage return, erase line), the last one erases it.
    assert terminal.startswith("\r\x1b[Kscanning: ")
    assert re.search(r"scanning: \d+/\d+\+? files, \d+ rows, \d+\.\d s", terminal)
    assert terminal.endswith("\r\x1b[K")
    assert "\n" not in terminal


def test_no_progress_on_a_terminal():
    rc, out, terminal = run_with_terminal_stderr(*SCAN_CSV, "--no-progress")
    assert (rc, terminal) == (0, "")


def test_no_progress_in_pipes_unless_asked():
    plain = run_cli(*SCAN_CSV)
    assert (plain.returncode, plain.stderr) == (0, "")
    asked = run_cli(*SCAN_CSV, "--progress")
    assert (asked.returncode, rows(asked.stdout)) == (0, rows(plain.stdout))
    # A log gets whole lines: one every few seconds, and the totals at the end.
    assert re.fullmatch(r"scanning: 10 files, 200 rows in \d+\.\d s\n", asked.stderr)


def test_progress_flags():
    res = run_cli(*SCAN_CSV, "--progress", "--no-progress")
    assert_error(res, "InvalidArgument")
    assert res.stderr == "error: InvalidArgument: --progress excludes --no-progress\n"
    res = run_cli("changes", SAMPLE, "--from", "0", "--no-progress", "--progress")
    assert_error(res, "InvalidArgument")
    # Errors still print alone (the line is cleared first; a pipe gets no summary).
    res = run_cli("scan", SAMPLE, "--version", "9", "--progress")
    assert_error(res, "NotFound")
    assert res.stderr.count("\n") == 1
