"""Readers: turn the bytes of one input format into a ``Source``.

One module per format, each with ``read(data, path) -> Source``; the reader is
chosen by the file's suffix (for stdin, the suffix of ``--stdin-filename``).
Plain text is the fallback, so a report saved as ``.text`` or without a suffix
is still read. The PDF reader needs the ``pdf`` extra; without it, a ``.pdf``
input is an error that says how to install it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import PurePath

from lawlint.source import Source

Reader = Callable[[bytes, str], Source]

_MODULES = {".md": "markdown", ".markdown": "markdown", ".docx": "docx", ".pdf": "pdf"}


def reader_for(path: str) -> Reader:
    """The ``read`` function for ``path``'s format (its module is imported only when used)."""
    name = _MODULES.get(PurePath(path).suffix.lower(), "text")
    return importlib.import_module(f"{__name__}.{name}_reader").read


def pdf_available() -> bool:
    """Whether the optional PDF extra (pypdf) is installed."""
    return find_spec("pypdf") is not None
