"""legwise: evidence-sourced triage and differential for leg pain at rest or at night.

    >>> import legwise
    >>> result = legwise.assess({"age": 67, "findings": {"brief_cramp_episodes": "present"}})
    >>> result.triage.level, result.top
    ('self_care', 'nocturnal_leg_cramps')

Nothing is loaded at import time; the knowledge base is read on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from legwise.signatures import case_first

if TYPE_CHECKING:
    import datetime as dt

    from legwise.engine.assess import Assessment
    from legwise.intake.result import TextResult
    from legwise.kb.loader import Knowledge

try:
    __version__ = version("legwise")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"


def load_knowledge() -> Knowledge:
    """The validated knowledge base shipped with legwise (loaded once, then cached)."""
    from legwise.kb.loader import load_knowledge as _load

    return _load()


@case_first("case", "kb", "diary", "today", renamed={"knowledge": "kb"})
def assess(
    case: Any,
    *,
    kb: Knowledge | None = None,
    diary: Iterable[Any] | None = None,
    today: dt.date | None = None,
) -> Assessment:
    """Assess one case given as a dict in the contract's shape (docs/contract.md).

    A non-empty "text" is read for findings first (explicit findings override it).
    `diary` is a list of night entries (`legwise.diary.entry.DiaryEntry` or dicts of its
    shape); the course findings its trends show are added, overriding an explicit "absent"
    (see `legwise.intake.diary`), and the result's `from_diary` says which pattern did what.
    `today` ends the diary's windows (default: its latest night).
    Raises `legwise.errors.InputError` naming the field when the case or a diary entry is not
    valid, and `legwise.errors.NothingRecognised` when the text gives nothing clinical and
    there are no explicit findings.
    """
    from legwise.engine.assess import assess_case
    from legwise.intake.merge import has_text

    kb = kb or load_knowledge()
    from_text = None
    if has_text(case):
        from legwise.intake.merge import merge_text

        case, intake = merge_text(case, kb)
        from_text = intake.to_dict()
    from_diary = None
    if diary is not None:
        from legwise.diary.trends import read_diary
        from legwise.intake.diary import merge_diary

        case, from_diary = merge_diary(case, read_diary(diary, today=today, kb=kb))
    return assess_case(case, kb=kb, from_text=from_text, from_diary=from_diary)


@case_first("cases", "kb", renamed={"knowledge": "kb"})
def assess_batch(cases: list[Any], *, kb: Knowledge | None = None) -> Any:
    """Assess many cases at once on the vectorised path (see engine.batch).

    Cases with a "text" are read first, as in `assess`; errors name the row (`[3].text`).
    """
    from legwise.engine.batch import assess_batch as _batch
    from legwise.errors import InputError
    from legwise.intake.merge import has_text, merge_text

    kb = kb or load_knowledge()
    if any(has_text(c) for c in cases):
        merged = []
        for row, case in enumerate(cases):
            try:
                merged.append(merge_text(case, kb)[0] if has_text(case) else case)
            except InputError as exc:
                raise type(exc)(f"[{row}].{exc.field}", exc.message) from None
        cases = merged
    return _batch(cases, kb=kb)


@case_first("cases", "kb", renamed={"knowledge": "kb"})
def assess_table(cases: Any, *, kb: Knowledge | None = None) -> Any:
    """Compact results for an Arrow table of cases (a pyarrow Table, RecordBatch, pandas
    DataFrame or dict of columns), on the vectorised path.

    Columns: `id`, `age`, `sex`, `text` and one per finding id (wide), and/or a `findings`
    struct (nested, as JSON Lines gives); null means not answered. Returns a pyarrow Table:
    `id`, `level`, `rules` (fired), `causes` (top three with probabilities), `unexplained`,
    points-score values and worst cases, `knowledge_version` (see `legwise.tables.results`).
    A bad row raises `legwise.errors.InputError` naming it (`[3].findings.x`).
    """
    from legwise.tables.core import assess_table as _table

    return _table(cases, kb or load_knowledge())


@case_first("text", "kb", renamed={"knowledge": "kb"})
def parse_text(text: str, *, kb: Knowledge | None = None) -> TextResult:
    """What free text says: findings with their states, the words that gave each, age, sex.

    Raises `legwise.errors.InputError` when `text` is not a string or is over 20,000
    characters. Loads spaCy and medspaCy on first use.
    """
    from legwise.intake.text import extract

    return extract(text, kb or load_knowledge())


__all__ = [
    "__version__",
    "assess",
    "assess_batch",
    "assess_table",
    "load_knowledge",
    "parse_text",
]
