"""Find the report files to lint from the paths given on the command line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

SUFFIXES = (".txt", ".md")


def collect(paths: Sequence[str], skip_dirs: frozenset[str]) -> Iterator[tuple[str, str | None]]:
    """Yield (path, error) for each file to lint; folders are searched for reports.

    Hidden folders and ``skip_dirs`` (the cache) are not searched. A path that
    does not exist is yielded with its error so it is reported in order.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                item
                for item in path.rglob("*")
                if item.suffix.lower() in SUFFIXES
                and item.is_file()
                and not any(
                    part.startswith(".") or part in skip_dirs
                    for part in item.relative_to(path).parts
                )
            )
            yield from ((str(item), None) for item in found)
        elif path.exists() or path.is_symlink():
            yield raw, None
        else:
            yield raw, "no such file or directory"
