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
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lawlint.readers import pdf_available

if TYPE_CHECKING:
    import subprocess

# Word keeps "~$name.docx" beside an open document: not a report.
_LOCK_PREFIX = "~$"


def default_include() -> tuple[str, ...]:
    """Globs of the files searched for in folders.

    Old Word and WPS files are found too, to be reported as not readable (save
    as .docx) rather than skipped: a folder of them must not pass as checked.
    """
    return ("*.txt", "*.md", "*.docx", "*.doc", "*.wps") + (("*.pdf",) if pdf_available() else ())


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
    wanted = _Filter(skip_dirs, tuple(include) or default_include(), tuple(exclude))
    for raw in paths:
        if raw == "-":  # standard input
            yield raw, None
        elif os.path.isdir(raw):
            folder = str(Path(raw))  # as Path spells it: "./a/" is shown as "a"
            prefix = os.path.join(folder, "")  # joined once, not once per file
            for relative in sorted(_listing(folder)):
                if wanted(relative):
                    yield prefix + relative, None
        elif os.path.lexists(raw):
            yield raw, None
        else:
            yield raw, "no such file or directory"


class _Filter:
    """Whether a file found in a folder is linted, from its path relative to that folder.

    Runs once per file of a folder of thousands, so the globs are compiled into
    one case-insensitive pattern each for include and exclude.
    """

    def __init__(self, skip_dirs: frozenset[str], include: Sequence[str], exclude: Sequence[str]):
        self.skip_dirs = skip_dirs
        self.include = _globs(include)
        self.exclude = _globs(exclude) if exclude else None

    def __call__(self, relative: str) -> bool:
        parts = relative.split("/")
        if f"/{relative}".find("/.") >= 0 or not self.skip_dirs.isdisjoint(parts):
            return False  # hidden, or in a skipped folder (a string test: this runs per file)
        if parts[-1].startswith(_LOCK_PREFIX):
            return False
        if self.exclude:
            prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
            if any(self.exclude.match(text) for text in (*prefixes, *parts)):
                return False
        return bool(self.include.match(relative) or self.include.match(parts[-1]))


def _globs(globs: Sequence[str]) -> re.Pattern[str]:
    """One pattern matching a whole path if any glob does (fnmatch semantics, any case)."""
    return re.compile("|".join(f"(?:{fnmatch.translate(glob)})" for glob in globs), re.IGNORECASE)


def _listing(folder: str) -> list[str]:
    """Files below ``folder``, '/'-joined relative to it: git's view in a work tree, else a walk."""
    listed = _git_listing(folder)
    return listed if listed is not None else _walk(folder)


def _git_listing(folder: str) -> list[str] | None:
    """git's files below ``folder``; None outside a work tree, or for a folder git ignores."""
    if not _may_be_in_git(folder):
        return None
    completed = _git(folder, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    if completed is None or completed.returncode != 0:  # no git, or not a work tree
        return None
    if not completed.stdout and _git(folder, "check-ignore", "-q", ".").returncode == 0:
        return None  # the folder named on the command line is itself ignored: lint it all
    names = completed.stdout.decode("utf-8", "surrogateescape").split("\0")
    return [
        name for name in dict.fromkeys(names) if name and os.path.isfile(os.path.join(folder, name))
    ]


def _may_be_in_git(folder: str) -> bool:
    """Whether git could find a repository for ``folder``: a ``.git`` at or above it, or GIT_DIR.

    git looks for ``.git`` in the folder and its parents (physical path, as
    getcwd gives it), unless GIT_DIR names the repository; with neither,
    ``git ls-files`` can only fail. Asking costs a few stats, where starting
    git costs importing subprocess and a process (~4 ms of CPU, more in git).
    """
    if "GIT_DIR" in os.environ:
        return True
    current = os.path.realpath(folder)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return True
        parent = os.path.dirname(current)
        if parent == current:
            return False
        current = parent


def _git(folder: str, *arguments: str) -> subprocess.CompletedProcess | None:
    import subprocess  # here: a run on files named one by one (pre-commit) needs no git

    try:
        return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except OSError:  # git is not installed
        return None


def _walk(folder: str) -> list[str]:
    found = []
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [name for name in subdirs if not name.startswith(".")]
        base = os.path.relpath(directory, folder).replace(os.sep, "/")
        found += [name if base == "." else f"{base}/{name}" for name in files]
    return found
