"""The README's Python quick start runs as written (from the repository root) and prints what
the conformance table holds."""

from __future__ import annotations

import contextlib
import io
import os
import re

from harness import CONFORMANCE, REPO


def test_readme_python_snippet():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Quick start: Python", 1)[1].split("\n## ", 1)[0]
    (snippet,) = re.findall(r"```python\n(.*?)```", section, re.S)
    assert "../shared/conformance/tables/basic_partitioned" in snippet
    snippet = snippet.replace("../shared/conformance", str(CONFORMANCE))
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(snippet, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert lines[0] == "[('a', 4), ('c', 3), ('e', 5), (None, 6)]"
    assert lines[1] == "shape: (4, 2)"
    # polars' table: the rows sorted by number.
    cells = [[c.strip(" │") for c in l.split("┆")] for l in lines if l.startswith("│ ")]
    assert [r for r in cells if r[1].isdigit()] == [["c", "3"], ["a", "4"], ["e", "5"], ["null", "6"]]
