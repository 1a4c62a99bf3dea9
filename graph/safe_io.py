"""Read and write only regular files. A FIFO, a device, a socket or a link to one is refused
before it is opened (reading one would hang, or never end: /dev/zero), and what is read is capped,
so no input file can make jjjkg wait for ever or fill the memory. Outputs replace regular files
only: never a device node (`--out /dev/null`), a FIFO or a socket."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MAX_FILE_MB = 50
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024  # a seed, mapping, source text or reference table
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class FileRefused(Exception):
    """A file that is not read or written; str() is the one-line reason (no path)."""


class TooLarge(FileRefused):
    """A file larger than the most that is read from it (`limit`, in bytes)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"it is larger than {limit // (1024 * 1024)} MB, the most jjjkg reads from one file")
        self.limit = limit


class BadText(FileRefused):
    """Bytes that are not text in the expected encoding, at a line and column (from 1)."""

    def __init__(self, line: int, column: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.column = line, column

    def where(self) -> str:
        return f"line {self.line}, column {self.column}: {self}"


def kind(mode: int) -> str:
    """What a file of this st_mode is: 'a regular file', 'a directory', 'a FIFO (named pipe)', ..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def shown(path: Path | str, limit: int = 120) -> str:
    """A path for a one-line message: control characters escaped (a line break in a file's name
    stays on the message's line), a very long one cut in the middle."""
    text = str(path)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        text = "".join(ch.encode("unicode_escape").decode("ascii") if ord(ch) < 32 or ord(ch) == 127 else ch
                       for ch in text)
    return text if len(text) <= limit else f"{text[:limit // 2]}…{text[-limit // 2:]} ({len(text):,} characters)"


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def regular_kind(path: Path) -> str | None:
    """None when path (links followed) is a regular file; else what it is ('missing' when absent)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError) as exc:  # too long a name, no permission, a NUL in the path
        return f"unusable ({_reason(exc) if isinstance(exc, OSError) else exc})"
    return None if stat.S_ISREG(mode) else kind(mode)


def open_regular(path: Path, limit: int | None = MAX_FILE_BYTES) -> BinaryIO:
    """Open path for reading in binary when it is a regular file of at most `limit` bytes.

    The file is checked before it is opened, and again once open (it may have been swapped in
    between); O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer."""
    found = regular_kind(path)
    if found == "missing":
        raise FileRefused("no such file")
    if found is not None:
        raise FileRefused(f"it is {found}, not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefused(_reason(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"it is {kind(info.st_mode)}, not a regular file")
        if limit is not None and info.st_size > limit:
            raise TooLarge(limit)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (FileRefused otherwise)."""
    with open_regular(path, limit) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise FileRefused(_reason(exc)) from exc
    if len(data) > limit:  # it grew after the check
        raise TooLarge(limit)
    return data


def text_position(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of text[index]."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, from 1) of the byte at offset in UTF-8-ish data."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def decode_utf8(data: bytes) -> str:
    """data as UTF-8 text with universal newlines (\r\n and \r read as \n, as open() reads text);
    BadText at the line and column of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        raise BadText(line, column, f"byte 0x{data[exc.start]:02x} is not UTF-8 text (save the file as UTF-8)") from exc


def writable_target(path: Path) -> str | None:
    """None when an output may go to path: nothing there, or a regular file (links followed) or a
    dangling link, which the output replaces; else what stands there, which must not be replaced."""
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return f"unusable ({_reason(exc) if isinstance(exc, OSError) else exc})"
    found = regular_kind(path)
    if found in (None, "missing"):
        return None
    return f"a link to {found}" if link else found
