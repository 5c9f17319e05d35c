"""One exception hierarchy for everything emg-parse reports about an input.

Every error carries the file it concerns and a message that says what is wrong
and what to do.  ``cli.py`` is the only place that turns them into exit codes;
library code only raises them.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

#: Characters that would break a one-line message: controls (newline, carriage
#: return, tab, escape, ...), line and paragraph separators, and lone surrogates
#: (the bytes of a file name that is not UTF-8, as Python decodes them).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def shown(path: Path | str) -> str:
    """``path`` as one line of valid UTF-8 text, the same for the same name.

    A byte of the name that is not UTF-8 is written ``\\xff``; a control character
    (newline, tab, ...) is written as Python escapes it (``\\n``, ``\\t``,
    ``\\x1b``).  Printable names, whatever their script, are left as they are.
    """
    text = os.fspath(path)
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    if "\ud800" <= ch <= "\udfff":
        code = ord(ch)
        # os.fsdecode turns an undecodable byte b into the surrogate U+DC00 + b
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
    return repr(ch)[1:-1]


class EmgParseError(Exception):
    """Base class.  ``exit_code`` is the CLI exit status for this class of problem."""

    exit_code = 1

    def __init__(self, path: Path | str | None, message: str) -> None:
        self.path = Path(path) if path is not None else None
        self.message = message
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = " ".join(self.message.split())
        return f"{shown(self.path)}: {text}" if self.path is not None else text


class InputError(EmgParseError):
    """The file cannot be read as a document: missing, empty, corrupt, unsupported."""

    exit_code = 3


class UnsupportedFormatError(InputError):
    """The file is not PDF, DOCX, text or Markdown (or is an old binary .doc)."""

    exit_code = 4


class EncryptedError(InputError):
    """The PDF is encrypted and no (correct) password was given."""

    exit_code = 5


class NoTextError(InputError):
    """The document has no text layer (a scan) or no text at all."""

    exit_code = 6


class TooLargeError(InputError):
    """The file, or what it inflates to, is over a size limit."""

    exit_code = 7


class NotAnOutcomeDocumentError(EmgParseError):
    """The document was read but has no EMG outcome structure (no sections)."""

    exit_code = 8


class OutputError(EmgParseError):
    """The result could not be written."""

    exit_code = 9


class SameFileError(OutputError):
    """The output named is the input file itself: writing there would destroy it."""

    exit_code = 2


class ParseTimeoutError(InputError):
    """Parsing took longer than the time limit (a damaged file can make a parser hang)."""

    exit_code = 10


class StrictWarningsError(EmgParseError):
    """The document was parsed, with warnings, and ``emg-parse --strict`` treats them as a
    failure (the output is written all the same)."""

    exit_code = 11


def unreadable(path: Path | str, exc: OSError, *, folder: str = "is a folder") -> InputError:
    """The :class:`InputError` for a file that cannot be opened or read: one wording
    for every reader.  ``folder`` is the message when ``path`` is a folder."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, folder)
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied; check the file's permissions")
    return InputError(path, f"cannot read the file ({exc.strerror or exc})")


#: What a file that is neither a regular file nor a folder is, by ``st_mode``.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str | None:
    """What a file of ``st_mode`` ``mode`` is when it is no regular file nor folder
    (``"a FIFO (named pipe)"``, ``"a character device"``, ...), else None."""
    return next((kind for test, kind in _SPECIAL_KINDS if test(mode)), None)


def refuse_special_file(path: Path | str) -> None:
    """Raise :class:`InputError` if ``path`` is a FIFO, a device or a socket.

    Such a file may never end (``/dev/zero``) or block for ever (a FIFO nobody
    writes to: even opening it waits), so it is refused as input, by ``stat`` alone:
    it is never opened.  Anything else (a regular file, a folder, a missing or
    unreadable path) is left for the reader to report in its own words.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return
    kind = special_kind(mode)
    if kind is not None:
        raise InputError(path, f"is {kind}, not a regular file; save the content to a file first")
