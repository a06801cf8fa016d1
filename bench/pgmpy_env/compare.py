"""legwise's scoring model run through pgmpy's variable elimination, for bench/run.py.

Runs in its own uv project (pgmpy 1.1.2 needs numpy >= 2; legwise pins numpy < 2):

    uv run --project bench/pgmpy_env python bench/pgmpy_env/compare.py \
        model.json cases.json out.json

model.json: {"conditions": [{"id", "prior", "links": [{"finding", "lr_pos", "lr_neg"}]}]}
cases.json: [{"id", "findings": {finding: "present" | "absent"}}]
out.json:   {"pgmpy_version", "numpy_version", "build_seconds", "per_case_seconds": [...],
             "posteriors": [{condition: probability}]}

For each condition: a naive-Bayes network (DiscreteBayesianNetwork; pgmpy's NaiveBayes class
fails with variable elimination in 1.1.2) with a binary condition node and one three-state
child (present, absent, silent) per linked finding. With q = min(0.45, 0.9 / (LR+ + LR-)):
P(present | not C) = P(absent | not C) = q, P(present | C) = LR+ q, P(absent | C) = LR- q, and
silent takes the rest, so observing present multiplies the odds by LR+ and absent by LR-
exactly; unanswered findings are simply not observed. Each case runs one
VariableElimination.query per condition with its answered, linked findings as evidence.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore", category=FutureWarning)

import numpy as np  # noqa: E402
import pgmpy  # noqa: E402
from pgmpy.factors.discrete import TabularCPD  # noqa: E402
from pgmpy.inference import VariableElimination  # noqa: E402
from pgmpy.models import DiscreteBayesianNetwork  # noqa: E402

STATES = ["present", "absent", "silent"]
CLASS = ["no", "yes"]


def child_cpd(finding: str, node: str, lr_pos: float, lr_neg: float) -> TabularCPD:
    q = min(0.45, 0.9 / (lr_pos + lr_neg))
    table = [
        [q, lr_pos * q],
        [q, lr_neg * q],
        [1 - 2 * q, 1 - (lr_pos + lr_neg) * q],
    ]
    return TabularCPD(
        finding,
        3,
        table,
        evidence=[node],
        evidence_card=[2],
        state_names={finding: STATES, node: CLASS},
    )


def build(cond: dict[str, Any]) -> tuple[str, VariableElimination, frozenset[str]]:
    node = f"condition::{cond['id']}"
    links = cond["links"]
    model = DiscreteBayesianNetwork([(node, ln["finding"]) for ln in links])
    model.add_node(node)
    p = float(cond["prior"])
    model.add_cpds(TabularCPD(node, 2, [[1 - p], [p]], state_names={node: CLASS}))
    for ln in links:
        model.add_cpds(child_cpd(ln["finding"], node, float(ln["lr_pos"]), float(ln["lr_neg"])))
    if not model.check_model():
        raise SystemExit(f"invalid network for {cond['id']}")
    return node, VariableElimination(model), frozenset(ln["finding"] for ln in links)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    model = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    cases = json.loads(Path(argv[2]).read_text(encoding="utf-8"))

    t0 = time.perf_counter()
    nets = [(c["id"], *build(c)) for c in model["conditions"]]
    build_s = time.perf_counter() - t0

    # pre-split each case's evidence per network, outside the timed region
    prepared = []
    for case in cases:
        f = case["findings"]
        prepared.append(
            [
                (cid, node, ve, {k: v for k, v in f.items() if k in linked})
                for cid, node, ve, linked in nets
            ]
        )

    # warm-up: one query per network
    for _cid, node, ve, ev in prepared[0] if prepared else []:
        ve.query([node], evidence=ev, show_progress=False)

    per_case: list[float] = []
    posteriors: list[dict[str, float]] = []
    for queries in prepared:
        out: dict[str, float] = {}
        t = time.perf_counter_ns()
        for cid, node, ve, ev in queries:
            factor = ve.query([node], evidence=ev, show_progress=False)
            out[cid] = factor.get_value(**{node: "yes"})
        per_case.append((time.perf_counter_ns() - t) / 1e9)
        posteriors.append({k: float(v) for k, v in out.items()})

    Path(argv[3]).write_text(
        json.dumps(
            {
                "pgmpy_version": pgmpy.__version__,
                "numpy_version": np.__version__,
                "build_seconds": build_s,
                "per_case_seconds": per_case,
                "posteriors": posteriors,
            }
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
