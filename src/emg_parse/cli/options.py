"""Options that ``parse`` and ``batch`` share, defined once: how a document is read."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click

from emg_parse.cli.common import FiniteFloatRange
from emg_parse.engines import DEFAULT_PDF_ENGINE, PDF_ENGINES
from emg_parse.limits import MAX_FILE_BYTES

F = TypeVar("F", bound=Callable[..., Any])

#: The environment variable ``--password`` is read from when it is not given.
PASSWORD_ENV = "EMG_PARSE_PASSWORD"
_STDIN_DOCUMENT = "emg_parse.stdin_document"


class PasswordOption(click.Option):
    """``--password`` alone asks for the password; when none can be read (no terminal and
    stdin at its end, or Ctrl-C), that is a usage error rather than click's "Aborted!".
    Nor is it read from standard input when the document is (``emg-parse -``) and there
    is no terminal: the password would be the document's first line."""

    def handle_parse_result(
        self, ctx: click.Context, opts: Mapping[str, Any], args: list[str]
    ) -> tuple[Any, list[str]]:
        files = opts.get("files")
        given = files if isinstance(files, (list, tuple)) else ()
        ctx.meta[_STDIN_DOCUMENT] = any(str(file) == "-" for file in given)
        return super().handle_parse_result(ctx, opts, args)

    def prompt_for_value(self, ctx: click.Context) -> Any:
        if ctx.meta.get(_STDIN_DOCUMENT) and not sys.stdin.isatty():
            raise click.UsageError(
                "--password: standard input holds the document, so the password cannot "
                f"be asked for; give it in {PASSWORD_ENV}",
                ctx,
            )
        try:
            return super().prompt_for_value(ctx)
        except click.Abort:
            raise click.UsageError(
                "--password: no password was typed (no terminal, or the input ended); "
                f"give it in {PASSWORD_ENV}",
                ctx,
            ) from None


def _text_password(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A password is text: bytes that are not UTF-8 (from the shell or the environment)
    are a usage error, not a damaged PDF."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise click.BadParameter("is not UTF-8 text", ctx, param) from None
    return value


def password_option(function: F) -> F:
    """``--password``: given, asked for (``--password`` alone, not echoed), or from
    :data:`PASSWORD_ENV`."""
    return click.option(
        "--password",
        cls=PasswordOption,
        envvar=PASSWORD_ENV,
        prompt="Password",
        prompt_required=False,
        hide_input=True,
        callback=_text_password,
        help="Password of encrypted PDFs; --password alone asks for it (not echoed).  "
        f"Or set {PASSWORD_ENV}.",
    )(function)


def max_size_option(function: F) -> F:
    """``--max-size`` in MB (the default: ``limits.MAX_FILE_BYTES``)."""
    return click.option(
        "--max-size",
        type=FiniteFloatRange(min=0.001),
        default=MAX_FILE_BYTES / 1048576,
        show_default=True,
        help="Refuse input files larger than this many MB.",
    )(function)


def engine_option(function: F) -> F:
    """``--engine``: the PDF text engine."""
    return click.option(
        "--engine",
        type=click.Choice(PDF_ENGINES),
        default=DEFAULT_PDF_ENGINE,
        show_default=True,
        help="PDF text engine: pdfium (fast) or pdfplumber (pure Python, slower); same output.",
    )(function)
