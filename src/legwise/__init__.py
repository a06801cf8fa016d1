"""legwise: evidence-sourced triage and differential for leg pain at rest or at night.

    >>> import legwise
    >>> result = legwise.assess({"age": 67, "findings": {"brief_cramp_episodes": "present"}})
    >>> result.triage.level, result.top

Nothing is loaded at import time; the knowledge base is read on first use.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legwise.engine.assess import Assessment
    from legwise.kb.loader import Knowledge

try:
    __version__ = version("legwise")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"


def load_knowledge() -> Knowledge:
    """The validated knowledge base shipped with legwise (loaded once, then cached)."""
    from legwise.kb.loader import load_knowledge as _load

    return _load()


def assess(case: Any, knowledge: Knowledge | None = None) -> Assessment:
    """Assess one case given as a dict in the contract's shape (see DESIGN.md).

    Raises `legwise.errors.InputError` naming the field when the case is not valid.
    """
    from legwise.engine.assess import assess_case

    return assess_case(knowledge or load_knowledge(), case)


def assess_batch(cases: list[Any], knowledge: Knowledge | None = None) -> Any:
    """Assess many structured cases at once on the vectorised path (see engine.batch)."""
    from legwise.engine.batch import assess_batch as _batch

    return _batch(knowledge or load_knowledge(), cases)


__all__ = ["__version__", "assess", "assess_batch", "load_knowledge"]
