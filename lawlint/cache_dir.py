"""The cache folder (``.lawlint_cache/``), shared by the result cache, the rule and marker memos.

Whoever writes to it first makes it, tagged as a cache so backup tools skip it
(CACHEDIR.TAG) and so `lawlint clean` knows it is ours, and with a ``.gitignore``
of ``*`` so that a document repository never commits it and needs no setup for
the pre-commit hooks to use it.
"""

from __future__ import annotations

from pathlib import Path

TAG = "CACHEDIR.TAG"
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# lawlint cache; see `lawlint clean`\n"
_GITIGNORE_TEXT = "# Made by lawlint: the cache is never committed.\n*\n"


def make(folder: Path) -> None:
    """Create ``folder`` if need be, tagged and ignored by git; raises OSError if it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((TAG, _TAG_TEXT), (".gitignore", _GITIGNORE_TEXT)):
        path = folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
