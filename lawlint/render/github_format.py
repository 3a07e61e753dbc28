"""``--format github``: GitHub Actions workflow commands, shown as annotations on the files.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``. GitHub
reads the message up to the end of the line and the properties up to the next
comma, so ``%``, CR and LF are escaped everywhere and ``:`` and ``,`` in
properties too. Info findings become notices. A file that could not be read is
an error annotation on that file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lawlint.render import FileReport, RenderOptions, repository_path, shown_path, visible
from lawlint.render.json_format import diagnostic_data

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    for report in reports:
        if report.error:
            where = {"file": shown_path(repository_path(report.path)), "title": "lawlint"}
            stream.write(_command("error", where, report.error))
        if not report.result:
            continue
        for diagnostic in report.result.diagnostics:
            row = diagnostic_data(report.path, report.result.source, diagnostic)
            properties = {
                "file": shown_path(repository_path(row["path"])),
                "line": row["line"],
                "col": row["column"],
                "endLine": row["end_line"],
                "endColumn": row["end_column"],
                "title": f"lawlint ({row['code']})",
            }
            message = f"{row['code']} [{row['rule']}] {row['message']}"
            stream.write(_command(_COMMANDS[row["severity"]], properties, message))


def _command(name: str, properties: dict[str, object], message: str) -> str:
    fields = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {fields}::{_escape_data(visible(message))}\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
