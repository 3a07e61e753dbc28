"""Write a fixed report back exactly as the file was stored, or not at all.

A report is often the only copy of a day's work, so the original must survive
anything: the new bytes go to a temporary file in the same folder, are synced
to disk, and replace the original in one ``os.replace``; a failure at any step
leaves the original untouched and no temporary file behind. The encoding
(including GBK versus GB18030 and the UTF-16 byte order), the byte-order mark,
the file mode and, when run as root, the owner are those of the original; line
ends are whatever the text holds, because fixes keep each line's own.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from pathlib import Path

from lawlint.source import SourceError, decode

# Byte-order marks and the codec that writes what follows them; UTF-32 LE
# before UTF-16 LE because its mark starts with the UTF-16 one.
_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NAMES = {"gbk": "GBK", "gb18030": "GB18030", "utf-8": "UTF-8"}


class WriteError(Exception):
    """The fixed text was not written; the message says why in one line."""


def encode_like(text: str, original: bytes) -> bytes:
    """Encode ``text`` the way ``original`` is encoded, BOM and byte order included.

    A file that is plain GBK stays GBK: GB18030 can hold any character, but a
    four-byte GB18030 sequence in a GBK file is garbage to the Windows tools the
    file came from, so a character GBK lacks is an error, not a silent upgrade.
    """
    prefix, codec = _codec(original)
    try:
        return prefix + text.encode(codec)
    except UnicodeEncodeError as error:
        character = error.object[error.start]
        name = _NAMES.get(codec, codec.upper())
        raise WriteError(
            f"the fixed text has “{character}” (U+{ord(character):04X}), "
            f"which {name} cannot encode; file left unchanged"
        ) from None


def _codec(original: bytes) -> tuple[bytes, str]:
    for bom, codec in _BOM_CODECS:
        if original.startswith(bom):
            return bom, codec
    try:
        _, encoding, _ = decode(original)
    except SourceError as error:
        raise WriteError(str(error)) from None
    if encoding == "gb18030" and _is_gbk(original):
        return b"", "gbk"
    return b"", encoding


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


def replace_file(path: str | Path, data: bytes, expected: bytes) -> None:
    """Atomically replace the file at ``path`` by ``data`` if it still holds ``expected``.

    The check guards against an editor saving the file while lawlint worked on
    it: their version wins and the fix is reported as not applied.
    """
    import tempfile  # with random, shutil and more (~5 ms): only --fix needs it

    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".lawlint-tmp"
        )
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_owner_and_mode(temporary, status)
        if target.read_bytes() != expected:
            raise WriteError("changed on disk while lawlint was fixing it; file left unchanged")
        os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        raise WriteError(f"cannot write: {error.strerror or error}") from None
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(target.parent)


def _copy_owner_and_mode(path: str, status: os.stat_result) -> None:
    """The new file takes the original's mode and, where allowed (root), its owner."""
    if (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.chown(path, status.st_uid, status.st_gid)
    os.chmod(path, stat.S_IMODE(status.st_mode))


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible on every system."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
