"""Knowledge records as JSON-ready dicts, converted once and copied per result.

A full assessment cites about 150 sources; asking pydantic to dump each one was the largest
single cost of `Assessment.to_dict()` (about 0.1 ms of 0.2 ms). Source references are frozen
and hashable, so their dicts are cached; each result still gets its own copies, so a caller
that edits a result never edits another.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from legwise.kb.schema import CareItem, SourceRef


@functools.lru_cache(maxsize=4096)
def _source_dict(ref: SourceRef) -> dict[str, Any]:
    return ref.model_dump(exclude_none=True)


def source_dicts(refs: Iterable[SourceRef]) -> list[dict[str, Any]]:
    """`refs` as the contract's source objects (`{"ref", "locator"?}`), fresh copies."""
    return [dict(_source_dict(r)) for r in refs]


_CARE: dict[int, tuple[CareItem, dict[str, Any]]] = {}


def care_dict(item: CareItem) -> dict[str, Any]:
    """A test or treatment as JSON-ready data (a fresh, deep enough copy each call).

    Care items hold lists, so they are not hashable; the cache is keyed by identity and keeps
    the item alive, so an id is never reused for another item while its entry exists.
    """
    hit = _CARE.get(id(item))
    if hit is None or hit[0] is not item:
        if len(_CARE) > 4096:  # knowledge bases loaded again and again (tests): start afresh
            _CARE.clear()
        hit = (item, item.model_dump(exclude_none=True))
        _CARE[id(item)] = hit
    out = dict(hit[1])
    if "sources" in out:
        out["sources"] = [dict(s) for s in out["sources"]]
    return out
