"""The README's Python quick start runs as written, from the repository root of a fresh clone
(only the shipped sample table, nothing outside the repository), and prints what that table
holds."""

from __future__ import annotations

import contextlib
import io
import os
import re

from harness import REPO


def python_snippets() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Quick start: Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_python_snippet():
    snippet, _ = python_snippets()
    # A user who clones the repository has nothing next to it.
    assert "../" not in snippet
    assert '"examples/sample-table"' in snippet
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(snippet, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert lines[0] == "[('eu-west', 3), ('us-east', 4), ('us-west', 1)]"
    assert lines[1] == "shape: (8, 3)"
    # polars' table: the rows sorted by id.
    cells = [[c.strip(" │") for c in l.split("┆")] for l in lines if l.startswith("│ ")]
    assert [r for r in cells if r[1].isdigit()] == [
        ["us-east", "1", "96615.14"],
        ["us-east", "10", "96046.56"],
        ["us-west", "29", "95289.40"],
        ["eu-west", "114", "95389.70"],
        ["us-east", "130", "96449.38"],
        ["us-east", "181", "99663.63"],
        ["eu-west", "226", "96910.91"],
        ["eu-west", "231", "95529.65"],
    ]


def test_readme_python_write_snippet():
    _, snippet = python_snippets()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(snippet, "README.md", "exec"), {})
    assert out.getvalue() == "2 3\n2 1\n"
