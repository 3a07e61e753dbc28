"""Plain text (.txt): decoded as it is, lines are the file's lines."""

from __future__ import annotations

from lawlint.source import Source, decode


def read(data: bytes, path: str) -> Source:
    text, encoding, bom = decode(data)
    return Source(path, text, encoding, bom)
