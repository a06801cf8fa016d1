"""A faster constructor for the frozen, slotted result records built many times per case.

A frozen dataclass's own `__init__` sets each field through `object.__setattr__` looked up
anew per field; for `ConditionResult` (thirteen a case) and a few others that is a good part
of an assessment. `maker(cls)` gives a function with the same parameters (defaults included)
that sets the slots directly, which is what that `__init__` does in the end: the object is
the same (equal, same hash and repr), only built in about half the time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def maker(cls: type[T]) -> Callable[..., T]:
    """A constructor for the frozen, slotted dataclass `cls` (no `__post_init__`, no
    init-only or `init=False` fields: checked here, so a later change cannot slip by)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__: use its own constructor")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if any(not f.init for f in fields):
        raise TypeError(f"{cls.__name__} has a field left out of __init__")
    scope: dict[str, Any] = {"__builtins__": {}, "_new": object.__new__, "_cls": cls}
    params_src, body = [], []
    for i, f in enumerate(fields):
        scope[f"_set{i}"] = cls.__dict__[f.name].__set__  # the slot's own descriptor
        if f.default is not dataclasses.MISSING:
            scope[f"_d{i}"] = f.default
            params_src.append(f"{f.name}=_d{i}")
        elif f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name} has a default factory")
        else:
            params_src.append(f.name)
        body.append(f"    _set{i}(_obj_, {f.name})")
    code = f"def make({', '.join(params_src)}):\n    _obj_ = _new(_cls)\n" + "\n".join(body)
    exec(code + "\n    return _obj_\n", scope)  # generated from the class's own field names
    made: Callable[..., T] = scope["make"]
    made.__doc__ = f"{cls.__name__}(...), built without the frozen __init__'s per-field checks"
    return made
