"""Where the project's own conformance corpus is (scripts/corpus.sh generates it into the
per-machine cache) and what its manifests say. See docs/testing.md, "The corpus".

The corpus is found through $DELTA_CORPUS_DIR, else the path scripts/corpus.sh records in
<repo>/.corpus-path. When it could not be generated (no Java, no peers), scripts/corpus.sh
records why in <repo>/.corpus-unavailable, and the suites that read it skip with that reason.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[2]
PATH_FILE = REPO / ".corpus-path"
UNAVAILABLE_FILE = REPO / ".corpus-unavailable"
KNOWN_ERRORS_FILE = REPO / "tests" / "corpus_known_errors.json"
HOW = "generate it with scripts/corpus.sh (needs Java 17+ and scripts/setup-peers.sh)"


def corpus_dir() -> Optional[Path]:
    if os.environ.get("DELTA_CORPUS_DIR"):
        return Path(os.environ["DELTA_CORPUS_DIR"])
    if PATH_FILE.is_file():
        return Path(PATH_FILE.read_text().strip())
    return None


def missing_reason() -> Optional[str]:
    """One line saying why there is no corpus and how to get it, or None when there is one."""
    d = corpus_dir()
    if d is not None and (d / "index.json").is_file():
        return None
    if d is not None:
        why = f"{d} holds no corpus (index.json)"
    elif UNAVAILABLE_FILE.is_file():
        why = UNAVAILABLE_FILE.read_text().strip()
    else:
        why = f"not generated (no DELTA_CORPUS_DIR, no {PATH_FILE.name})"
    return f"project corpus unavailable: {why}; {HOW}"


@dataclass(frozen=True)
class Expectation:
    case: str
    root: Path  # the table
    spec: dict[str, Any]  # the manifest's entry
    file: Path  # the expected Parquet file

    @property
    def id(self) -> str:
        return f"{self.case}/{self.spec['id']}"


def expectations() -> list[Expectation]:
    """Every expectation of every table of the corpus (none when there is no corpus)."""
    d = corpus_dir()
    if d is None or not (d / "index.json").is_file():
        return []
    out = []
    for case in json.loads((d / "index.json").read_text())["cases"]:
        manifest = json.loads((d / case / "manifest.json").read_text())
        root = d / case / manifest["table"]
        for spec in manifest["expectations"]:
            out.append(Expectation(case, root, spec, d / case / spec["file"]))
    return out


def known_errors() -> dict[str, dict[str, str]]:
    """Expectations we cannot meet, by "case/id" or "case" (every expectation of the table):
    the error kind we must report instead, a word the message must hold, and why."""
    data = json.loads(KNOWN_ERRORS_FILE.read_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


def known_error(e: Expectation) -> Optional[dict[str, str]]:
    errors = known_errors()
    return errors.get(e.id) or errors.get(e.case)
