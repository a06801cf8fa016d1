"""Behaviour snapshot of the engine, to check that a speed change changed nothing else.

    .venv/bin/python bench/equivalence.py --save /tmp/engine-before.pkl   # before a change
    .venv/bin/python bench/equivalence.py --check /tmp/engine-before.pkl  # after it

Runs ~2,000 seeded random cases (the generator bench/run.py uses, plus a copy of each with
some answers turned to "unknown") and every vignette through `assess_case` (with and without
explanations), `quick_triage` and the vectorised path (`encode` + `run`, with fired rules),
plus 200,000 rows generated directly as arrays through `run`. It records levels, fired rules,
the cause order, raw probabilities, advice ids and the whole `to_dict()` (less the knowledge
version digest, which any edit of the knowledge files changes); `--check` then
requires identical levels, rules, order, advice and result dicts, and probabilities within
1e-9. Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from run import SEED, generate_batch, generate_cases  # bench/ is on the path when a script runs

from legwise.engine.assess import assess_case, quick_triage
from legwise.engine.batch import encode, run
from legwise.engine.case import parse_case
from legwise.engine.compiled import compile_knowledge
from legwise.kb.loader import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
VIGNETTES = ROOT / "tests" / "vignettes"
TOLERANCE = 1e-9


def cases(kb: Knowledge, n: int) -> list[dict[str, Any]]:
    """Seeded random cases, each also with about a quarter of its answers made "unknown"
    (unknowns exercise the three-valued rules), then every vignette's case."""
    out = generate_cases(kb, n // 2, seed=SEED + 7)
    rng = np.random.default_rng(SEED + 8)
    for i, case in enumerate(list(out)):
        findings = {
            f: ("unknown" if kb.findings[f].type == "state" and rng.random() < 0.25 else v)
            for f, v in case["findings"].items()
        }
        out.append(dict(case, id=f"unknown-{i}", findings=findings))
    for path in sorted(VIGNETTES.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append(dict(item["case"], id=item["id"]))
    return out


def snapshot(kb: Knowledge, n: int) -> dict[str, Any]:
    compiled = compile_knowledge(kb)
    data = cases(kb, n)
    single = []
    for case in data:
        result = assess_case(case, kb=kb)
        brief = assess_case(case, kb=kb, explain=False)
        level, probs = quick_triage(compiled, parse_case(kb, case))
        single.append(
            {
                "id": case.get("id"),
                "level": result.level,
                "rules": [r.rule for r in result.triage.reasons],
                "order": [c.id for c in result.conditions],
                "probabilities": [c.probability for c in result.conditions],
                "advice": [a.id for a in result.advice.recommended],
                "avoid": [a.id for a in result.advice.avoid],
                "dict": _without_version(result.to_dict()),
                "brief_dict": _without_version(brief.to_dict()),
                "quick_level": level,
                "quick_probabilities": probs,
            }
        )
    batch = run(kb, encode(kb, data), fired=True)
    arrays = run(kb, generate_batch(kb, 200_000, seed=SEED + 9), fired=True)
    return {
        "single": single,
        "batch": {k: _batch(v) for k, v in (("cases", batch), ("arrays", arrays))},
    }


def _without_version(out: dict[str, Any]) -> dict[str, Any]:
    """The result dict without `knowledge_version`: a digest of the knowledge files, which
    moving a setting into them changes while every answer stays the same."""
    out.pop("knowledge_version", None)
    return out


def _batch(result: Any) -> dict[str, Any]:
    return {
        "probabilities": result.probabilities,
        "level_index": result.level_index,
        "unexplained": result.unexplained,
        "tier": result.tier,
        "fired": result.fired,
        "top": [result.top(i) for i in range(min(len(result.ids), 20_000))],
    }


def _close(a: Any, b: Any) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Every difference, as lines; the largest probability differences are printed too."""
    problems: list[str] = []
    worst_single = 0.0
    if len(before["single"]) != len(after["single"]):
        return ["different numbers of cases"]
    exact = ("level", "rules", "order", "advice", "avoid", "dict", "brief_dict", "quick_level")
    for b, a in zip(before["single"], after["single"], strict=True):
        for key in exact:
            if b[key] != a[key]:
                problems.append(f"{b['id']}: {key} differs")
        if len(b["probabilities"]) == len(a["probabilities"]):
            worst_single = max(
                [worst_single]
                + [abs(x - y) for x, y in zip(b["probabilities"], a["probabilities"], strict=True)]
            )
        if not _close(b["probabilities"], a["probabilities"]):
            problems.append(f"{b['id']}: probabilities differ")
        qb, qa = b["quick_probabilities"], a["quick_probabilities"]
        if list(qb) != list(qa) or not _close(list(qb.values()), list(qa.values())):
            problems.append(f"{b['id']}: quick_triage probabilities differ")
    for name, b in before["batch"].items():
        a = after["batch"][name]
        for key in ("level_index", "unexplained", "tier", "fired"):
            if not np.array_equal(b[key], a[key]):
                rows = np.flatnonzero((b[key] != a[key]).reshape(len(b[key]), -1).any(axis=1))
                problems.append(f"batch {name}: {key} differs in {rows.size} rows {rows[:5]}")
        if b["top"] != a["top"]:
            problems.append(f"batch {name}: top cause differs")
        pb, pa = b["probabilities"], a["probabilities"]
        if pb.shape != pa.shape or not np.array_equal(np.isnan(pb), np.isnan(pa)):
            problems.append(f"batch {name}: probabilities differ in shape or NaN")
        else:
            worst = float(np.nanmax(np.abs(pb - pa), initial=0.0))
            print(f"batch {name}: largest probability difference {worst:.2e}")
            if worst > TOLERANCE:
                problems.append(f"batch {name}: probabilities differ by up to {worst:.2e}")
    print(f"assess_case: largest probability difference {worst_single:.2e}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", metavar="FILE", help="write the snapshot")
    group.add_argument("--check", metavar="FILE", help="compare with a saved snapshot")
    ap.add_argument("--cases", type=int, default=2000, help="random cases (default 2000)")
    args = ap.parse_args(argv)
    kb = load_knowledge()
    now = snapshot(kb, args.cases)
    n_single, n_rows = len(now["single"]), len(now["batch"]["arrays"]["level_index"])
    if args.save:
        Path(args.save).write_bytes(pickle.dumps(now))
        print(f"saved {n_single} cases and {n_rows:,} array rows to {args.save}")
        return 0
    problems = compare(pickle.loads(Path(args.check).read_bytes()), now)
    for p in problems[:40]:
        print(p)
    if problems:
        print(f"DIFFERENT: {len(problems)} differences")
        return 1
    print(f"identical: {n_single} cases (assess, quick_triage, batch) and {n_rows:,} array rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
