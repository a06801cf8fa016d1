"""Turn --answers, --batch and quick flags into case dicts in the contract's shape.

Only the outer layer is checked here (files, JSON, flag syntax); whether a finding id, an
answer or an age is acceptable is decided by `engine.case.parse_case`, so the CLI holds no
clinical rules and names fields the same way the API does.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legwise import strict_json
from legwise.errors import InputError


class BatchLineError(InputError):
    """A bad line in a --batch file; the message leads with the line number."""

    def __init__(self, line: int, field: str | None, message: str) -> None:
        super().__init__(f"line {line}" + (f": {field}" if field else ""), message)
        self.line = line


@dataclass(frozen=True)
class Flags:
    """The quick answers given on the command line."""

    yes: Sequence[str] = ()
    no: Sequence[str] = ()
    unsure: Sequence[str] = ()
    sets: Sequence[str] = ()
    age: str | None = None
    sex: str | None = None
    case_id: str | None = None

    def given(self) -> bool:
        return bool(
            self.yes
            or self.no
            or self.unsure
            or self.sets
            or self.age is not None
            or self.sex is not None
            or self.case_id is not None
        )


def _read_text(path: str, option: str) -> str:
    if path == "-":
        try:
            return sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(option, "standard input is not UTF-8 text") from None
        except AttributeError:  # a text stream without bytes (tests)
            return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(option, f"file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(option, f"is a directory, not a file: {path}") from None
    except UnicodeDecodeError:
        raise InputError(option, f"not UTF-8 text: {path}") from None
    except OSError as exc:
        raise InputError(option, f"cannot read {path}: {exc.strerror}") from None


def read_json_object(path: str, option: str) -> dict[str, Any]:
    """One JSON object from a file (`-` reads stdin); errors name `option`."""
    text = _read_text(path, option)
    try:
        data = strict_json.loads(text, option)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError(option, f"invalid JSON at {where}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError(option, f"expected one JSON object, got {type(data).__name__}")
    return data


def read_answers(path: str) -> dict[str, Any]:
    """One case object from a JSON file (`-` reads stdin)."""
    text = _read_text(path, "--answers")
    try:
        data = strict_json.loads(text, "--answers")
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError("--answers", f"invalid JSON at {where}: {exc.msg}") from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        hint = " (use --batch for many cases)" if isinstance(data, list) else ""
        raise InputError("--answers", f"expected one JSON object (a case), got {kind}{hint}")
    return data


def read_batch(path: str) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON) for every non-blank line of a JSON Lines file."""
    text = _read_text(path, "--batch")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, strict_json.loads(line)
        except InputError as exc:
            raise BatchLineError(number, exc.field, exc.message) from None
        except json.JSONDecodeError as exc:
            raise BatchLineError(
                number, None, f"invalid JSON at column {exc.colno}: {exc.msg}"
            ) from None


def _numeric(text: str) -> int | float | None:
    """The number written in `text` (an int when it is one), or None."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return None


def apply_flags(case: dict[str, Any] | None, flags: Flags) -> dict[str, Any]:
    """The case with the flags' answers on top (flags override the file's findings)."""
    out: dict[str, Any] = dict(case or {})
    findings = out.get("findings")
    if findings is None:
        findings = {}
    elif not isinstance(findings, dict):
        raise InputError("findings", "expected an object of finding id -> answer")
    findings = dict(findings)

    given: dict[str, str] = {}  # finding -> the flag that answered it, to catch contradictions

    def put(fid: str, value: Any, option: str) -> None:
        fid = fid.strip()
        if not fid:
            raise InputError(option, "expected a finding id")
        if fid in given and given[fid] != option:
            raise InputError(option, f"{fid} is already answered by {given[fid]}")
        given[fid] = option
        findings[fid] = value

    for fid in flags.yes:
        put(fid, "present", "--yes")
    for fid in flags.no:
        put(fid, "absent", "--no")
    for fid in flags.unsure:
        put(fid, "unknown", "--unsure")
    for item in flags.sets:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError("--set", f"expected FINDING=NUMBER, got {item!r}")
        number = _numeric(value)
        if number is None:
            raise InputError(f"--set {name.strip()}", f"expected a number, got {value!r}")
        put(name, number, "--set")

    if flags.age is not None:
        # parse_case checks the number and its range (and names a non-number itself)
        number = _numeric(flags.age)
        out["age"] = flags.age if number is None else number
    if flags.sex is not None:
        out["sex"] = flags.sex
    if flags.case_id is not None:
        out["id"] = flags.case_id
    if findings or "findings" in out:
        out["findings"] = findings
    return out
