"""conversion-artifact: residue of Word or PDF conversion left in the text.

Text extractors write what they cannot render as text: Word bookmarks
(``[bookmark: _GoBack]``, the cursor position Word saves), image markers, field
codes (HYPERLINK "…", MERGEFORMAT), page-break form feeds, control characters,
the replacement character U+FFFD where a byte could not be decoded, private-use
characters from PDF symbol fonts, and zero-width or soft-hyphen characters that
split Chinese words invisibly (搜索 no longer finds them). None was typed by the
author. The raw text is scanned, not the outline, because the outline skips a
bookmark in front of a heading marker. Ordinary brackets are never touched: a
bracket counts only with one of the keywords extractors write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lawlint import regex_memo
from lawlint.checks._text import (
    ARTIFACT_START,
    PLACEHOLDER_START,
    ZERO_WIDTH,
    locator,
    matches,
    rare_characters,
    starts_cjk,
)
from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.outline import Outline
from lawlint.source import Source

_ARTIFACT = (
    r"(?P<bookmark>\[bookmark:[^\]\n]*\])"
    r"|(?P<image>\[(?:image|img|picture|embedded|object|chart|shape)(?::[^\]\n]*)?\])"
    r"|(?P<field>HYPERLINK\s+(?:\\l\s+)?\"[^\"\n]*\"|PAGEREF\s+_Toc\d+(?:\s+\\h)?"
    r"|\\\*\s*MERGEFORMAT)"
    r"|(?P<formfeed>\f)"
    r"|(?P<control>[\x01-\x08\x0b\x0e-\x1f\x7f])"
    # C1 controls are bytes decoded in the wrong code page: the character is lost.
    r"|(?P<mojibake>[\x80-\x9f])"
    r"|(?P<replacement>\ufffd[\ufffd]*)"
    r"|(?P<private>[\ue000-\uf8ff])"
    rf"|(?P<invisible>[{ZERO_WIDTH}][{ZERO_WIDTH}]*)"
)
# What the shared scan for rare characters finds that starts no artifact.
_NOT_ARTIFACT = frozenset(PLACEHOLDER_START)
_BLANKS = " \t\r\n\u3000\u00a0"
_WHAT = {
    "bookmark": "Word 书签标记",
    "image": "图片占位标记",
    "field": "Word 域代码",
    "formfeed": "换页符（PDF 分页处）",
    "control": "控制字符",
    "mojibake": "控制字符（原字符在转码时已丢失，需对照原文改正）",
    "replacement": "替换字符（原字符在转码时已丢失，需对照原文补上）",
    "private": "私用区字符（PDF 符号字体残留，显示为方框，需对照原文改正）",
    "invisible": "不可见的零宽字符或软连字符",
}
_INVISIBLE_NAMES = {
    "\u00ad": "软连字符",
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u2060": "零宽不换行",
    "\ufeff": "字节顺序标记",
}
# Artifacts whose original character is lost: no fix can restore it.
_NO_FIX = frozenset({"replacement", "private", "mojibake"})
# Word's own control characters that stand for text: a manual line break
# (Shift+Enter) and a non-breaking hyphen. Other controls are removed.
_CONTROL_TEXT = {"\x0b": "\n", "\x1e": "-"}


def check(outline: Outline, options: None) -> Iterator[Finding]:
    if rare_characters(outline) <= _NOT_ARTIFACT:
        return  # no character an artifact starts with: most reports
    source = outline.source
    newline = ""  # the file's line end: a pass over the text, so found once, when first needed
    for match in matches(*_patterns(), source.text):
        kind = match.lastgroup
        if kind == "invisible" and not _inside_chinese(source.text, match.start(), match.end()):
            continue
        if kind == "control" and match.group() in _CONTROL_TEXT:
            newline = newline or source.newline
        yield Finding(
            match.start(),
            match.end(),
            {"found": _shown(match.group()), "what": _WHAT[kind]},
            None if kind in _NO_FIX else _fix(source, match, kind, newline),
        )


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The scan that skips to where an artifact can start, and the pattern.

    Compiled when a report first needs them (~7 ms without the regex memo): most never do.
    """
    return locator(f"[{ARTIFACT_START}]", _ARTIFACT), regex_memo.compile(_ARTIFACT)


def _inside_chinese(text: str, start: int, end: int) -> bool:
    """Visible characters on both sides on the same line, Chinese on at least one.

    Alone on a line or at a line end the character splits no word: it is left.
    """
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _BLANKS or after in _BLANKS:
        return False
    return starts_cjk(before) or starts_cjk(after)


def _shown(text: str) -> str:
    """Visible text as it is; invisible and private-use characters by code point."""
    return "".join(
        char if char.isprintable() and char not in ZERO_WIDTH else _code_point(char)
        for char in text
    )


def _code_point(char: str) -> str:
    name = _INVISIBLE_NAMES.get(char)
    return f"U+{ord(char):04X}（{name}）" if name else f"U+{ord(char):04X}"


def _fix(source: Source, match: re.Match[str], kind: str, newline: str) -> Fix:
    start, end = match.start(), match.end()
    if kind == "control" and match.group() in _CONTROL_TEXT:
        replacement = _CONTROL_TEXT[match.group()].replace("\n", newline)
        return Fix(f"改为“{replacement.strip() or '换行'}”", (Edit(start, end, replacement),))
    line = source.line_index(start)
    line_start, line_end = source.line_starts[line], source.line_ends[line]
    text = source.text
    alone = _blank(text, line_start, start) and _blank(text, end, line_end)
    if alone and line + 1 < source.line_count:
        # Nothing else on the line: remove the line, not leave a blank one behind.
        return Fix("删除该行", (Edit(line_start, source.line_starts[line + 1], ""),))
    return Fix("删除", (Edit(*_with_spaces(text, start, end, line_start, line_end), ""),))


def _blank(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is blanks only, read up to the first other character.

    Not a slice: a line may be a megabyte long and hold an artifact every few characters.
    """
    return all(text[at] in _BLANKS for at in range(start, end))


def _with_spaces(
    text: str, start: int, end: int, line_start: int, line_end: int
) -> tuple[int, int]:
    """Widen the removal over the spaces around an artifact set inside Chinese text.

    Extractors pad field codes with spaces (用好 HYPERLINK "…" 平台); Chinese
    has no spaces between characters, so between two Chinese characters they go
    too. At a line start the blanks after are the paragraph's indent and stay.
    """
    before, after = start, end
    while before > line_start and text[before - 1] == " ":
        before -= 1
    while after < line_end and text[after] == " ":
        after += 1
    if before == line_start:
        return start, end
    if starts_cjk(text[before - 1]) and after < line_end and starts_cjk(text[after]):
        return before, after
    return start, end
