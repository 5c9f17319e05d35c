"""Command line: a thin click layer over the library.

This package is the only place that prints or exits.  Library errors
(:class:`~emg_parse.errors.EmgParseError`) become one-line messages with the exit
code of their class (``common.EXIT_CODES``).  One module per command.
"""

from __future__ import annotations

import atexit
import contextlib
import difflib
import importlib
import os
import sys
from typing import Any, ClassVar, NoReturn, TextIO

import click

from emg_parse import __version__
from emg_parse.cli.common import BROKEN_PIPE_EXIT, EXIT_CODES, EXIT_HELP, cli_error
from emg_parse.cli.parse import ParseContext, parse, schema
from emg_parse.errors import OutputError, shown

__all__ = ["EXIT_CODES", "main", "run"]


class DefaultGroup(click.Group):
    """A group whose first argument, if it is not a command, goes to ``parse``.

    ``help`` (unless a file of that name exists) shows the help, ``help COMMAND`` a
    command's.  A first argument that is no existing file but close to a command's
    name (``valdate``) is a usage error that suggests the command.
    """

    default_command = "parse"
    #: The other commands, by name: (module, function), imported when first used, so
    #: that ``emg-parse FILE`` loads no other command's code.
    lazy_commands: ClassVar[dict[str, tuple[str, str]]] = {
        "validate": ("emg_parse.cli.validate", "validate"),
        "batch": ("emg_parse.cli.batch", "batch"),
        "export": ("emg_parse.cli.export", "export"),
        "bodies": ("emg_parse.cli.bodies", "bodies"),
        "report": ("emg_parse.cli.report", "report"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.commands, *(name for name in self.lazy_commands if name not in self.commands)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            module, name = self.lazy_commands[cmd_name]
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args:
            click.echo(ctx.get_help())
            ctx.exit(0)
        first = args[0]
        if first == "help" and not os.path.lexists(first):
            args = [*args[1:2], "--help"]
        elif first not in self.list_commands(ctx) and first not in ("--help", "-h", "--version"):
            if not first.startswith("-") and not os.path.lexists(first):
                names = [*self.list_commands(ctx), "help"]
                close = difflib.get_close_matches(first, names, n=1)
                if close:
                    raise click.UsageError(
                        f"no such file or command {shown(first)!r}; did you mean {close[0]!r}?",
                        ctx,
                    )
            ctx.meta[ParseContext.IMPLICIT] = True
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[parse] FILE... [OPTIONS] | COMMAND [ARGS]...")

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            raise _one_line(exc) from exc.__cause__

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _one_line(exc) from exc.__cause__


def _one_line(exc: click.ClickException) -> click.ClickException:
    """``exc`` with the names and values it quotes from the command line (a file name
    with a newline, a byte that is not UTF-8) written on one line of valid text."""
    if not isinstance(exc, click.UsageError):
        return exc  # the command's own errors: already one line
    message = exc.format_message()
    if shown(message) == message:
        return exc
    return click.UsageError(shown(message), exc.ctx)


@click.group(
    "emg-parse",
    cls=DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_HELP,
)
@click.version_option(__version__, prog_name="emg-parse")
def main() -> None:
    """Turn EMG Senior Officials Meeting outcome documents into validated JSON or YAML.

    \b
      emg-parse EMGSOM.26_3a.pdf -o out.json
      emg-parse EMGSOM.26_3a.docx              (JSON on stdout)
      emg-parse doc.pdf -o out.yaml --format yaml
      emg-parse a.pdf b.docx -o out/           (out/a.pdf.json, out/b.docx.json)
      emg-parse parse --help                   (every option of emg-parse FILE)
      emg-parse batch archive/ -o converted/   (a whole folder, incrementally)
      emg-parse validate out.yaml              (check a hand-edited file)
      emg-parse export converted/ -o emg.db    (the whole archive as one database)
      emg-parse bodies converted/              (the register of subsidiary bodies)
      emg-parse schema                         (the JSON Schema of the output)
    """


main.add_command(parse)
main.add_command(schema)


def run() -> NoReturn:
    """The ``emg-parse`` console command: :func:`main`, with guarded standard streams.

    Standard streams first: a descriptor 0, 1 or 2 that the caller closed
    (``>&-``) is filled with an empty pipe, so that no file the command opens takes its
    number (and stray output of a C library with it); stdout then reports every
    write as failing.  A failed write on stdout (a full disk) ends the command with
    exit code 9 and one line on stderr; a reader that stopped reading
    (``| head``) ends it quietly with 141; errors writing stderr are ignored.

    Once the command has finished, all that is left is freeing memory: Python's own
    teardown (every module and object freed one by one) costs some 10 % of a whole
    parse.  So the first exit handler registered (which runs last, after every
    handler registered while the command ran) ends the process at once.
    Tests call :func:`main` (with click's ``CliRunner``), which exits normally.
    """
    atexit.register(_end_now)
    _fill_closed_descriptors()
    stdout = _Stdout(sys.stdout)
    sys.stdout = stdout
    sys.stderr = _Stderr(sys.stderr)
    try:
        main()
    except SystemExit as exc:
        status = _exit_status(exc.code)
    except Exception as exc:  # a bug: one line and exit 1, never a traceback and 0
        click.echo(f"Error: {EXIT_CODES[1]}: {shown(repr(exc))}", err=True)
        status = 1
    else:  # pragma: no cover - click's standalone mode always exits
        status = 0
    try:
        stdout.flush()
    except click.exceptions.Exit as exc:
        status = status or exc.exit_code
    except click.ClickException as exc:
        exc.show()
        status = status or exc.exit_code
    sys.stderr.flush()
    if stdout.failed:
        # what could not be written is dropped: Python's own last flush must not
        # report it again
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    global _status
    _status = status
    sys.exit(status)


#: The exit status of the console command, for :func:`_end_now`.
#: The exit status :func:`_end_now` ends the process with: 1 until the command's own.
_status = 1


def _end_now() -> None:
    """The last exit handler of the console command: flush, and end the process
    without Python's teardown."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, click.ClickException, click.exceptions.Exit):
            stream.flush()
    os._exit(_status)


def _exit_status(code: object) -> int:
    """The process status ``sys.exit(code)`` gives (a message is printed first)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def _fill_closed_descriptors() -> None:
    """Put a pipe on each of descriptors 0, 1 and 2 that is closed: stdin reads as
    empty, and a write to 1 or 2 fails (no reader) rather than landing in a file."""
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
    for fd in closed:
        read_end, write_end = os.pipe()
        keep = read_end if fd == 0 else write_end
        if keep != fd:
            os.dup2(keep, fd)
        for end in (read_end, write_end):
            if end != fd:
                os.close(end)


class _Stdout:
    """``sys.stdout`` of the console command: a failed write or flush raises the
    command's output error (exit 9), or a quiet exit 141 when the reader has gone.
    After one failure, the rest of the output is dropped (not reported again)."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        self._failed = stream is None

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not text:
            return 0  # (click writes "" to see whether a stream takes text)
        if self._stream is None:
            raise cli_error(OutputError(None, "cannot write: standard output is closed"))
        if self._failed:
            return len(text)
        try:
            return self._stream.write(text)
        except (OSError, ValueError) as exc:
            raise self._failure(exc) from None

    @property
    def failed(self) -> bool:
        """A write or flush has failed (the rest of the output is dropped)."""
        return self._failed

    def flush(self) -> None:
        if self._stream is None or self._failed:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as exc:
            raise self._failure(exc) from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def _failure(self, exc: Exception) -> click.ClickException | click.exceptions.Exit:
        self._failed = True
        if isinstance(exc, BrokenPipeError):
            return click.exceptions.Exit(BROKEN_PIPE_EXIT)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return cli_error(OutputError(None, f"cannot write to standard output ({reason})"))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Stderr:
    """``sys.stderr`` of the console command: a failed write is ignored (there is no
    one left to tell), so that the exit code still says what happened."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            if self._stream is not None:
                self._stream.write(text)
                self._stream.flush()
        except (OSError, ValueError):
            pass
        return len(text)

    def flush(self) -> None:
        try:
            if self._stream is not None:
                self._stream.flush()
        except (OSError, ValueError):
            pass

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
