"""Find the report files to lint from the paths given on the command line.

A folder is searched for the formats lawlint reads (.txt .md .docx, and .pdf
when the ``pdf`` extra is installed), or for the ``--include`` globs instead.
Inside a git work tree the file list comes from ``git ls-files --cached
--others --exclude-standard``: git applies its own ignore rules exactly (nested
.gitignore files, negations, the global excludes file), which a re-implemented
matcher would only approximate, and no dependency is added. Outside git, or
without git, the folder is walked. Either way hidden folders, the cache folder,
``--exclude`` globs and Word's lock files (~$report.docx) are skipped. A file
named on the command line is always linted, and so is a folder git ignores.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from lawlint.readers import pdf_available

# Word keeps "~$name.docx" beside an open document: not a report.
_LOCK_PREFIX = "~$"


def default_include() -> tuple[str, ...]:
    """Globs of the files searched for in folders."""
    return ("*.txt", "*.md", "*.docx") + (("*.pdf",) if pdf_available() else ())


def collect(
    paths: Sequence[str],
    skip_dirs: frozenset[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[tuple[str, str | None]]:
    """Yield (path, error) for each file to lint, folders searched in sorted order.

    ``-`` (standard input) is passed through. A path that does not exist is
    yielded with its error so it is reported in order.
    """
    include = tuple(include) or default_include()
    for raw in paths:
        path = Path(raw)
        if raw == "-":  # standard input
            yield raw, None
        elif path.is_dir():
            for relative in sorted(_listing(path)):
                if _wanted(relative, skip_dirs, include, exclude):
                    yield str(path / relative), None
        elif path.exists() or path.is_symlink():
            yield raw, None
        else:
            yield raw, "no such file or directory"


def _wanted(
    relative: PurePosixPath,
    skip_dirs: frozenset[str],
    include: Sequence[str],
    exclude: Sequence[str],
) -> bool:
    """Whether a file found in a folder is linted (``relative`` to that folder)."""
    parts = relative.parts
    if any(part.startswith(".") or part in skip_dirs for part in parts):
        return False
    if relative.name.startswith(_LOCK_PREFIX):
        return False
    prefixes = [PurePosixPath(*parts[: index + 1]).as_posix() for index in range(len(parts))]
    if any(_match(text, glob) for glob in exclude for text in (*prefixes, *parts)):
        return False
    return any(_match(relative.as_posix(), glob) or _match(relative.name, glob) for glob in include)


def _match(text: str, glob: str) -> bool:
    return fnmatch.fnmatchcase(text.lower(), glob.lower())


def _listing(folder: Path) -> list[PurePosixPath]:
    """Files below ``folder``, relative to it: git's view inside a work tree, else a walk."""
    listed = _git_listing(folder)
    return listed if listed is not None else _walk(folder)


def _git_listing(folder: Path) -> list[PurePosixPath] | None:
    """git's files below ``folder``; None outside a work tree, or for a folder git ignores."""
    completed = _git(folder, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    if completed is None or completed.returncode != 0:  # no git, or not a work tree
        return None
    if not completed.stdout and _git(folder, "check-ignore", "-q", ".").returncode == 0:
        return None  # the folder named on the command line is itself ignored: lint it all
    names = completed.stdout.decode("utf-8", "surrogateescape").split("\0")
    return [
        PurePosixPath(name) for name in dict.fromkeys(names) if name and (folder / name).is_file()
    ]


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except OSError:  # git is not installed
        return None


def _walk(folder: Path) -> list[PurePosixPath]:
    found = []
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [name for name in subdirs if not name.startswith(".")]
        base = Path(directory).relative_to(folder)
        found += [PurePosixPath(base.as_posix(), name) for name in files]
    return found
