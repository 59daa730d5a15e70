"""Reading a file the kiosk did not write, without letting it stop the app.

:func:`read_file` reads only a regular file (never a FIFO, a device or a folder, so
``/dev/zero`` behind a link or a pipe at the settings path can neither hang start-up nor
fill memory), with a size limit enforced while reading (a file growing past its
``stat`` size is cut off too). Every problem is a :class:`FileProblem` whose message
is plain words, ready for a located error.

:func:`printable` turns a path that may hold bytes that are not UTF-8 (a file name
from a Windows zip or a USB copy) into text that can be printed and shown.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["FileProblem", "describe_os_error", "fs_bytes", "printable", "read_file"]

_CHUNK = 1 << 16
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileProblem(Exception):
    """A file could not be read; ``str()`` says why in plain words.

    ``missing`` is True when nothing is at the path (so a default may stand in).
    """

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def describe_os_error(exc: OSError) -> str:
    """What went wrong, without the path (which the located error already names)."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (too many levels of symbolic links)"
    return exc.strerror or (errno.errorcode.get(exc.errno or 0) or type(exc).__name__)


def too_large(size: int | None, limit: int) -> str:
    shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return f"the file is too large ({shown}; the limit is {limit:,})"


def read_file(path: Path | str, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileProblem` for anything else: no file, not a regular file, a link
    loop, no permission, a name the system refuses, or more than ``limit`` bytes
    (counted while reading, not trusted from the file's size). Without
    ``follow_links``, a symbolic link at ``path`` itself is refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer
        descriptor = os.open(path, flags)
    except OSError as exc:
        missing = exc.errno == errno.ENOENT
        raise FileProblem(describe_os_error(exc), missing=missing) from None
    except ValueError:  # a NUL in the name
        raise FileProblem("the path holds a character no file name can have") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise FileProblem(f"not a regular file ({kind})")
        if info.st_size > limit:
            raise FileProblem(too_large(info.st_size, limit))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileProblem(too_large(None, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(describe_os_error(exc)) from None
    finally:
        os.close(descriptor)


def fs_bytes(name: str) -> bytes:
    """A file name as the bytes the system holds (any name, UTF-8 or not)."""
    return os.fsencode(name)


def printable(path: Path | str) -> str:
    """``path`` as text that prints anywhere: bytes that are not UTF-8 become ``\\xNN``."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def valid_name(name: str) -> bool:
    """Whether the file name ``name`` is valid UTF-8 (it can be shown and typed)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
