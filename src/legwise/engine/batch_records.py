"""The vectorised path's input and output records: encoded cases (`BatchInput`) and their
results (`BatchResult`). Split from `engine/batch.py`, which computes them; both names are
importable from there as before."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from legwise.engine.batch_model import Bool, Floats
from legwise.kb.schema import LEVELS


@dataclass(frozen=True)
class BatchInput:
    """Encoded cases, finding-major so each finding is one contiguous row:
    `states` (state findings in `BatchModel.state_ids` order x n cases, int8: +1 present,
    -1 absent, 0 unknown), `numbers` (number findings in `BatchModel.number_ids` order x n,
    float64, NaN when unknown, age included) and `sex` (n, int8 code, 0 unknown).
    Build it with `encode`, or directly as arrays (benchmarks)."""

    ids: list[str | None]
    states: NDArray[np.int8]
    numbers: Floats
    sex: NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.states.shape[1])


@dataclass(frozen=True)
class BatchResult:
    """`probabilities` (n x conditions; NaN where a condition does not apply), the triage
    level index per case (see `levels`), whether the picture was left unexplained, and which
    triage rules fired (n x rules, in `CompiledKnowledge.rules` order; compact results)."""

    ids: list[str | None]
    conditions: tuple[str, ...]
    probabilities: Floats
    level_index: NDArray[np.int8]
    unexplained: Bool
    levels: tuple[str, ...] = LEVELS
    # n x conditions: the order tier (`batch_order.NAMED` ... `NOT_LISTED`): 2 when a fired
    # rule names the cause (`about`), else 1 when the answers support it
    # (`scoring.supported`), -1 when they argue against it or it is neither supported nor
    # plausible (`ranking.listed_behind`), else 0; -2 when a fired rule excludes it, -3 when it
    # does not apply; the first cause listed is the likeliest of the highest tier (as
    # `ranking.rank_causes`)
    tier: NDArray[np.int8] | None = None
    fired: Bool | None = None

    def level(self, row: int) -> str:
        return self.levels[int(self.level_index[row])]

    def top(self, row: int) -> str | None:
        """The first cause listed: the likeliest of those a fired rule names, if any, else
        the likeliest (as `Assessment.top`)."""
        p = self.probabilities[row]
        if np.all(np.isnan(p)):
            return None
        if self.tier is not None:
            tier = self.tier[row]
            p = np.where(tier == tier.max(), p, -np.inf)
        return self.conditions[int(np.nanargmax(p))]
