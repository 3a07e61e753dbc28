"""The cache folder (``.lawlint_cache/``), shared by the result cache, the rule and marker memos.

Everything is written through `write`, so whoever writes first makes the folder:
tagged as a cache so backup tools skip it (CACHEDIR.TAG), and with a
``.gitignore`` of ``*`` so that a document repository never commits it and needs
no setup for the pre-commit hooks to use it. A folder that already holds other
files (``--cache-dir .`` by mistake) is used but neither tagged nor ignored, and
`clean` removes only the files lawlint writes, so no user file is ever lost.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

TAG = "CACHEDIR.TAG"
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# lawlint cache; see `lawlint clean`\n"
_GITIGNORE_TEXT = "# Made by lawlint: the cache is never committed.\n*\n"
# A new file only (never one of the same name), written as bytes on Windows too.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


# The names lawlint gives its files in the folder (results, memos) and their temporary
# files (see `write`): exactly, so that no file of the user's is taken for one.
_STEM = (
    r"(?:results-[0-9a-f]{24}-[0-9]{2}|rules-[0-9a-f]{24}|code-[0-9a-f]{16}|markers-[0-9a-f]{16})"
)
_OWN = re.compile(rf"{_STEM}\.json|\.{_STEM}-[0-9a-f]{{12}}\.tmp")


def make(folder: Path) -> None:
    """Create ``folder`` if need be, tagged and ignored by git; raises OSError if it cannot.

    An existing folder is tagged only if it is empty or tagged already: one that
    holds anything else is somebody's, and a ``.gitignore`` of ``*`` there would
    hide their files from git.
    """
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        if not (folder / TAG).is_file() and _holds_anything(folder):
            return
    for name, text in ((TAG, _TAG_TEXT), (".gitignore", _GITIGNORE_TEXT)):
        path = folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")


def _holds_anything(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return any(entries)


def write(path: Path, text: str | bytes) -> None:
    """Replace ``path`` in the cache folder with ``text`` (UTF-8, or bytes as they are) atomically.

    The text goes to a unique temporary file renamed into place, so concurrent
    runs never see half a file; raises OSError if the folder cannot be written.
    The temporary file is made as tempfile.mkstemp makes one (a random name,
    created exclusively, readable by the owner only) without importing
    tempfile, which brings random, shutil and more (~5 ms where nothing else
    imports them: a run on one changed file writes two results files).
    """
    make(path.parent)
    temporary = path.with_name(f".{path.stem}-{os.urandom(6).hex()}.tmp")
    handle = os.open(temporary, _CREATE, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def clean(folder: Path) -> list[str] | None:
    """Remove what lawlint wrote in ``folder``, then the folder if nothing else is left.

    None if there is no folder; else the names left in it, which are not
    lawlint's (empty: the folder is gone). OSError for a folder that holds
    nothing of lawlint's, as that is not a cache at all, or a file.
    """
    if not folder.is_dir():
        if os.path.lexists(folder):
            raise OSError(f"{folder} is not a folder; not removing it")
        return None
    with os.scandir(folder) as entries:
        found = sorted((entry.name, entry.is_file(follow_symlinks=False)) for entry in entries)
    own = [name for name, plain in found if plain and _is_own(folder, name)]
    if found and not own:
        raise OSError(f"{folder} does not look like a lawlint cache; not removing it")
    for name in own:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / name)
    left = [name for name, _ in found if name not in own]
    if not left and not folder.is_symlink():  # a link's target is emptied, the link kept
        folder.rmdir()
    return left


def _is_own(folder: Path, name: str) -> bool:
    return _OWN.fullmatch(name) is not None or _made_here(folder / name)


def _made_here(path: Path) -> bool:
    """Whether ``path`` is the tag or the .gitignore lawlint writes, as it writes them."""
    text = {TAG: _TAG_TEXT, ".gitignore": _GITIGNORE_TEXT}.get(path.name)
    try:
        return text is not None and path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False
