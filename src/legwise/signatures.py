"""One public signature order: the case first, the knowledge keyword-only (`kb=`).

Earlier releases took the knowledge first (`assess_case(kb, case)`, `next_step(kb, case)`) or
second and by position (`legwise.assess(case, knowledge)`). `case_first` keeps those calls
working for one release, with a `DeprecationWarning` that names the new form, so code written
against the old order still runs while it is updated. New code reads one way everywhere, as
httpx does with its options: `legwise.assess(case, kb=kb)`, `assess_case(case, kb=kb)`.

The check costs one length test on a call in the new order (`assess_case` is on the hot path).
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class OldSignatureWarning(DeprecationWarning):
    """A public function was called in the pre-2026.12 order (knowledge by position, or
    `knowledge=`); it still works for this release. Pass the case first and `kb=` instead."""


def _is_knowledge(value: Any) -> bool:
    from legwise.kb.loader import Knowledge  # lazily: `import legwise` loads nothing

    return isinstance(value, Knowledge)


def case_first(
    *old: str, renamed: Mapping[str, str] | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Accept the old calling order of a function whose new signature takes exactly one
    positional parameter (the case) and everything else by keyword.

    `old` lists the parameter names of the old positional order, with `kb` where the
    knowledge sat (`"kb", "data", "from_text"`). A call with a knowledge object by position,
    or with more than one positional argument, is rebound to the new form; `renamed` maps old
    keyword names to new ones (`{"knowledge": "kb"}`). Either way a warning says what to write.
    """
    if "kb" not in old:
        raise ValueError("the old order must say where the knowledge was ('kb')")
    aliases = dict(renamed or {})

    def wrap(func: Callable[P, R]) -> Callable[P, R]:
        params = list(inspect.signature(func).parameters.values())
        first = params[0].name
        positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)
        if positional != 1:
            raise TypeError(f"{func.__qualname__}: the new order takes only the case by position")
        case_name = next(name for name in old if name != "kb")
        rest = [name for name in old if name not in ("kb", case_name)]
        new_form = f"{func.__qualname__}({first}, kb=...)"

        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            if len(args) <= 1 and not (aliases and aliases.keys() & kwargs):
                return func(*args, **kwargs)  # the new order: the fast path
            args, kwargs = _rebind(
                args, dict(kwargs), old, case_name, rest, aliases, func.__qualname__
            )
            warnings.warn(
                f"{func.__qualname__}: the knowledge goes by keyword after the case now: "
                f"{new_form}; the old order works until the next release",
                OldSignatureWarning,
                stacklevel=2,
            )
            return func(*args, **kwargs)

        return call

    return wrap


def _rebind(
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    old: tuple[str, ...],
    case_name: str,
    rest: list[str],
    aliases: Mapping[str, str],
    name: str,
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The old call's arguments in the new form: (the case,), and the rest by keyword."""
    for was, now in aliases.items():
        if was in kwargs:
            if now in kwargs:
                raise TypeError(f"{name}: give {now}= only, not {was}= as well")
            kwargs[now] = kwargs.pop(was)
    if len(args) <= 1:
        return args, kwargs
    at = next((i for i, a in enumerate(args) if _is_knowledge(a)), None)
    if at is not None:
        # The knowledge by position, before or after the case: the case is the first of the
        # others and the rest follow the old order's names.
        others = args[:at] + args[at + 1 :]
        named = {"kb": args[at], **dict(zip(rest, others[1:], strict=False))}
        if len(others) - 1 > len(rest):
            raise TypeError(f"{name}: too many positional arguments")
        positional = others[:1]
    else:
        # No knowledge object by position (None where the knowledge was): the old order.
        if len(args) > len(old):
            raise TypeError(f"{name}: too many positional arguments")
        bound = dict(zip(old, args, strict=False))
        positional = (bound.pop(case_name),)
        named = bound
    for key, value in named.items():
        if key in kwargs:
            raise TypeError(f"{name}: got {key} twice (by position and by keyword)")
        kwargs[key] = value
    return positional, kwargs


__all__ = ["OldSignatureWarning", "case_first"]
