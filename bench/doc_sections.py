"""docs/benchmarks.md is one page of independent sections, each written by its own benchmark
(planning, scan, checkpoint, object stores, ...). A section lives between
`<!-- NAME:begin -->` and `<!-- NAME:end -->`; rewriting one keeps every other section as it is.

    from doc_sections import write_section
    write_section(ROOT / "docs" / "benchmarks.md", "scan-bench", markdown_text)
"""

from __future__ import annotations

from pathlib import Path

PAGE_TITLE = (
    "# Benchmarks\n\n"
    "Each section below is written by its own benchmark command (named in the section) and\n"
    "every figure in a section comes from that section's one run, peers measured in the same\n"
    "run. The write benchmarks are in [benchmarks-write.md](benchmarks-write.md).\n"
)


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def write_section(md_path: Path, name: str, body: str) -> None:
    """Replaces section `name` of md_path with body (appended at the end when new)."""
    begin, end = _markers(name)
    text = md_path.read_text() if md_path.exists() else PAGE_TITLE
    block = f"{begin}\n{body.strip()}\n{end}"
    start = text.find(begin)
    if start >= 0:
        stop = text.find(end, start)
        if stop < 0:
            raise ValueError(f"{md_path}: section {name!r} has no end marker {end!r}")
        text = text[:start] + block + text[stop + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    md_path.write_text(text)
