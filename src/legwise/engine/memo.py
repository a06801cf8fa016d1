"""A bounded memo table: the engine's per-knowledge lookups of results it has made before.

Several engine steps give the same answer for the same few hundred keys case after case, so
they keep what they made in a plain dict. The dict is emptied when it grows past its limit
(knowledge bases loaded again and again in tests, or an unusual stream of cases): a start
afresh costs one rebuild per key, and memory stays bounded without an LRU's bookkeeping on the
hot path.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_MISSING = object()


def remembered(table: dict[K, V], key: K, make: Callable[[], V], limit: int) -> V:
    """`table[key]`, made by `make()` and kept when it is not there yet."""
    value = table.get(key, _MISSING)
    if value is _MISSING:
        if len(table) > limit:
            table.clear()
        value = table[key] = make()
    return value  # type: ignore[return-value]
