"""Whether a text holds a TSV table (tab-separated header and value rows), so that the text
rewrites of `legwise.intake.surface` keep its tabs as columns instead of squeezing them to a
blank. Moved out of `surface` (round 19) when that module reached its size limit; the answer
words are Wells data (knowledge/intake/wells.yaml `table_cells`, `unknown.words`).
"""

from __future__ import annotations

import functools
import itertools
import re

from legwise.intake.wells_checklist import _wells_data


# a TSV value row's cells after its first: answers only ("no", "Y", "1", "x", a tick, or empty),
# or an answer that leaves the item unknown ("unk", "n/a", "?": hW10, round 10); the words are
# Wells data (knowledge/intake/wells.yaml `table_cells`, `unknown.words`)
def _tsv_answer() -> re.Pattern[str]:
    data = _wells_data()
    cells = data["table_cells"]
    words = {str(w) for k in ("present", "absent", "unknown") for w in cells[k]}
    words |= {str(w) for w in data["unknown"]["words"]} | {"-2", "\u2212" + "2"}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)
    return re.compile(rf"(?:{alternatives})?", re.I)


TSV_ANSWER = _tsv_answer()


@functools.lru_cache(maxsize=8)
def is_tsv_table(text: str) -> bool:
    """Whether `text` holds a TSV table: a row with 2+ tabs, and under it a row with as many
    whose cells after the first are all answers (a header row and a value row, or a Yes / No
    column table with its marks; empty cells keep their tabs). A tab in prose is a blank."""
    return any(
        head.count("\t") >= 2
        and row.count("\t") == head.count("\t")
        and all(TSV_ANSWER.fullmatch(c.strip()) for c in row.split("\t")[1:])
        for head, row in itertools.pairwise(text.split("\n"))
    )
