"""Markdown (.md): decoded like plain text, with the markup the outline must read past.

The text is not changed, so positions stay the file's lines and columns; the
reader only tells the outline how many characters at the start of a line are
markup (``## `` of a heading, ``> `` of a quote) and which lines are not prose
at all (code blocks, front matter, HTML comments, rules, table separators,
setext underlines), so that ``## 一、总体情况`` is the heading 一、 and a ``1.``
in a code block is not a heading.
"""

from __future__ import annotations

from lawlint import regex_memo
from lawlint.source import Source, decode

# ATX heading hashes and block-quote markers, with the blanks after them.
_PREFIX = regex_memo.compile(r"[ \t]{0,3}(?:>[ \t]?)*(?:#{1,6}(?:[ \t]+|$))?")
_FENCE = regex_memo.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_NOT_PROSE = regex_memo.compile(
    r"[ \t]{0,3}(?:(?:[-*_][ \t]*){3,}|=+|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?)[ \t]*"
)
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"


def read(data: bytes, path: str) -> Source:
    text, encoding, bom = decode(data)
    source = Source(path=path, text=text, encoding=encoding, bom=bom)
    source.markup = markup(source)
    return source


def markup(source: Source) -> dict[int, int]:
    """Characters to skip at the start of each line; a line's full length hides it."""
    skips: dict[int, int] = {}
    fence: str | None = None
    in_comment = False
    for index in range(source.line_count):
        line = source.line_text(index)
        hidden = fence is not None or in_comment
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence, hidden = opened.group(1)[0] * 3, True
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        if line.lstrip().startswith(_COMMENT_OPEN):
            in_comment, hidden = True, True
        if in_comment and _COMMENT_CLOSE in line:
            in_comment = False
        if hidden or _NOT_PROSE.fullmatch(line):
            skips[index] = len(line)
            continue
        prefix = _PREFIX.match(line).end()
        if prefix:
            skips[index] = prefix
    _hide_front_matter(source, skips)
    return skips


def _hide_front_matter(source: Source, skips: dict[int, int]) -> None:
    """Hide a YAML front-matter block (``---`` on the first line to the next ``---``)."""
    if source.line_count < 2 or source.line_text(0).strip() != "---":
        return
    for end in range(1, source.line_count):
        if source.line_text(end).strip() in ("---", "..."):
            for index in range(end + 1):
                skips[index] = len(source.line_text(index))
            return
