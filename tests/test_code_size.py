"""Modules stay small enough to read and functions short enough to follow.

Every module in src/legwise over 400 lines, and every function over 80 lines, must be in the
allow-lists below with the reason it is still long (who is splitting it, or why it stays one
piece), so what is left is visible in one place. An entry that is no longer too long fails
as well: take it off the list, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "legwise"
MAX_LINES = 400
MAX_FUNCTION = 80

# path under src/legwise -> why it is still over MAX_LINES
LONG_FILES: dict[str, str] = {}

# (path, function) -> why it is still over MAX_FUNCTION lines
LONG_FUNCTIONS: dict[tuple[str, str], str] = {
    (
        "intake/people.py",
        "people",
    ): "hB (issue 12 round 6): the age and sex shapes in one order of trust; to split",
    ("engine/scoring.py", "score"): "hA (issue 11): one pass on the hot path",
    ("tables/jsonl.py", "_columns"): "the column-wise JSON Lines cutter: one tight loop (issue 16)",
}


def _modules() -> list[tuple[str, str]]:
    return [
        (p.relative_to(SRC).as_posix(), p.read_text(encoding="utf-8"))
        for p in sorted(SRC.rglob("*.py"))
    ]


def _long_files() -> set[str]:
    return {rel for rel, text in _modules() if len(text.splitlines()) > MAX_LINES}


def _long_functions() -> dict[tuple[str, str], int]:
    out = {}
    for rel, text in _modules():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION:
                    out[(rel, node.name)] = length
    return out


def test_no_module_is_over_400_lines_unless_listed() -> None:
    new = sorted(_long_files() - set(LONG_FILES))
    assert not new, f"split by what they hold (or list with the reason): {new}"


def test_no_function_is_over_80_lines_unless_listed() -> None:
    new = {key: n for key, n in _long_functions().items() if key not in LONG_FUNCTIONS}
    assert not new, f"split into steps (or list with the reason): {new}"


def test_the_lists_name_only_what_is_still_long() -> None:
    short_files = sorted(set(LONG_FILES) - _long_files())
    short_functions = sorted(set(LONG_FUNCTIONS) - set(_long_functions()))
    assert not short_files and not short_functions, (
        f"now short enough, take off the lists: {short_files} {short_functions}"
    )
