"""The cache folder (``.lawlint_cache/``), shared by the result cache, the rule and marker memos.

Everything is written through `write`, so whoever writes first makes the folder:
tagged as a cache so backup tools skip it (CACHEDIR.TAG) and so `lawlint clean`
knows it is ours, and with a ``.gitignore`` of ``*`` so that a document
repository never commits it and needs no setup for the pre-commit hooks to use it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TAG = "CACHEDIR.TAG"
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# lawlint cache; see `lawlint clean`\n"
_GITIGNORE_TEXT = "# Made by lawlint: the cache is never committed.\n*\n"
# A new file only (never one of the same name), written as bytes on Windows too.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def make(folder: Path) -> None:
    """Create ``folder`` if need be, tagged and ignored by git; raises OSError if it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((TAG, _TAG_TEXT), (".gitignore", _GITIGNORE_TEXT)):
        path = folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")


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
