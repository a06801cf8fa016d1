"""Text from the command line and standard input, checked to be UTF-8 before anything reads it."""

from __future__ import annotations

import sys

from legwise.errors import InputError


def read_text_option(text: str) -> str:
    if text != "-":
        return text
    # Bytes, decoded strictly: a C locale's stdin would turn bad bytes into lone surrogates.
    stream = getattr(sys.stdin, "buffer", None)
    try:
        text = stream.read().decode("utf-8") if stream is not None else sys.stdin.read()
    except UnicodeDecodeError:
        raise InputError("--text", "standard input is not UTF-8 text") from None
    if argv_problem([text]) is not None:
        raise InputError("--text", "standard input is not UTF-8 text")
    return text


def argv_problem(args: list[str]) -> str | None:
    """The first argument that is not text, named by its option: bytes that are not UTF-8
    reach Python as lone surrogates, which nothing downstream can print or store."""
    for i, arg in enumerate(args):
        if not any("\ud800" <= ch <= "\udfff" for ch in arg):
            continue
        if arg.startswith("--") and "=" in arg:
            name = arg.split("=", 1)[0]
        elif i and args[i - 1].startswith("-"):
            name = args[i - 1]
        else:
            name = f"argument {i + 1}"
        return f"{name}: is not valid UTF-8 text; type it again"
    return None
