"""Old Word (.doc) and WPS (.wps) files: not read, but named for what they are.

Their binary formats need Word or WPS to read faithfully; a report kept in one
is saved as .docx to be linted. Without this reader such a file named on the
command line was "binary file", and one in a folder was skipped in silence, so
a folder of them passed as "0 files" checked.
"""

from __future__ import annotations

from lawlint.source import Source, SourceError


def read(data: bytes, path: str) -> Source:
    raise SourceError("old-format Word or WPS file (.doc, .wps); save it as .docx to lint it")
