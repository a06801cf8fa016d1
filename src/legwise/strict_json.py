"""JSON as legwise accepts it from outside: the standard parser, minus what breaks later.

Python's `json` takes `NaN` and `Infinity`, lone surrogate escapes (`"\\ud800"`, a string no
UTF-8 encoder will write back), integers of any length (5000 digits: a ValueError; 1e400: an
infinite float) and nesting as deep as the stack. Each of these once turned into a 500 or a
traceback far from where it came in. `loads` refuses them all with `InputError` naming the
field (`findings.calf_pain`, `[3].age`), so REST answers 422 and the CLI exits 2.

The common body pays one regular-expression scan: the walk that finds the field runs only
when the scan (or the parser) saw something suspicious, or the body has many brackets.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from legwise.errors import InputError

MAX_DEPTH = 64  # objects and arrays inside each other; a case needs 3, a batch 4
MAX_INT_DIGITS = 40  # no field legwise reads needs a longer integer
_TOO_BIG = 10**MAX_INT_DIGITS
# A surrogate escape, a run of digits longer than any sane number, a three-digit exponent.
_SUSPECT = re.compile(r"\\u[dD][89a-fA-F]|[0-9]{41}|[eE][+-]?[0-9]{3}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused:
    """What the parser's hooks put where a refused token was, so the walk can name it."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a number; send a finite number")


def _integer(text: str) -> int | _Refused:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return _Refused(f"an integer of {len(text.lstrip('-'))} digits is too long")
    return int(text)


def field_path(path: tuple[str | int, ...]) -> str:
    """`("findings", "calf_pain")` -> `findings.calf_pain`; `(3, "age")` -> `[3].age`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _safe(text: str) -> str:
    """A key as it can be printed: lone surrogates shown as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _problem(value: Any) -> str | None:
    if isinstance(value, _Refused):
        return value.message
    if isinstance(value, float) and not math.isfinite(value):
        return "is too large a number; send a finite number"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _TOO_BIG:
        return f"an integer of more than {MAX_INT_DIGITS} digits is too long"
    if isinstance(value, str) and _SURROGATE.search(value):
        return "holds a lone surrogate (\\ud800-\\udfff), which is not text; send valid Unicode"
    return None


def check(data: Any, where: str = "") -> None:
    """InputError naming the first refused value in `data` (depth, constants, surrogates).

    Iterative, so a hostile document cannot exhaust the stack while being checked."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise _error(where, path[:MAX_DEPTH], f"nests deeper than {MAX_DEPTH} levels")
        why = _problem(value)
        if why is not None:
            raise _error(where, path, why)
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if _SURROGATE.search(key):
                    raise _error(where, (*path, _safe(key)), _problem(key) or "")
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in reversed(list(enumerate(value))))


def _error(where: str, path: tuple[str | int, ...], message: str) -> InputError:
    inner = field_path(path)
    if where and inner:
        field = f"{where}{inner}" if inner.startswith("[") else f"{where}.{inner}"
    else:
        field = where or inner or "body"
    return InputError(field, message)


def loads(raw: str | bytes, where: str = "") -> Any:
    """The JSON value in `raw` (bytes must be UTF-8), checked as the module says.

    Raises `json.JSONDecodeError` for text that is not JSON, `UnicodeDecodeError` for bytes
    that are not UTF-8 (callers word those their own way), and `InputError` naming the field
    for a value legwise refuses; `where` is put before the field's path (`--answers`)."""
    text = raw.decode("utf-8") if isinstance(raw, bytes | bytearray) else raw
    refused = False

    def constant(name: str) -> _Refused:
        nonlocal refused
        refused = True
        return _constant(name)

    suspect = _SUSPECT.search(text) is not None
    try:
        if suspect:
            data = json.loads(text, parse_constant=constant, parse_int=_integer)
        else:
            data = json.loads(text, parse_constant=constant)
    except RecursionError:
        raise _error(where, (), f"nests deeper than {MAX_DEPTH} levels") from None
    if refused or suspect or text.count("[") + text.count("{") > MAX_DEPTH:
        check(data, where)
    return data
