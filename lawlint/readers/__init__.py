"""Readers: turn the bytes of one input format into a ``Source``.

One module per format, each with ``read(data, path) -> Source``; the reader is
chosen by the file's suffix (for stdin, the suffix of ``--stdin-filename``).
Plain text is the fallback, so a report saved as ``.text`` or without a suffix
is still read. The PDF reader needs the ``pdf`` extra; without it, a ``.pdf``
input is an error that says how to install it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from functools import cache
from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # lawlint.source imports reader_for from here
    from lawlint.source import Source

Reader = Callable[[bytes, str], "Source"]

_MODULES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
    ".doc": "legacy",
    ".wps": "legacy",
}


def reader_for(path: str) -> Reader:
    """The ``read`` function for ``path``'s format (its module is imported only when used)."""
    if path.endswith(".txt"):  # the usual report: plain text whatever splitext makes of it
        return _reader("text")
    return _reader(_MODULES.get(os.path.splitext(path)[1].lower(), "text"))


@cache
def _reader(name: str) -> Reader:
    """Looked up once per format: asked for every file, and a lookup cost ~8 µs a file."""
    return importlib.import_module(f"{__name__}.{name}_reader").read


def pdf_available() -> bool:
    """Whether the optional PDF extra (pypdf) is installed."""
    return find_spec("pypdf") is not None
