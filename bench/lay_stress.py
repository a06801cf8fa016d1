"""Generated lay stress set: micro F1 (P, R) of `legwise.intake.text.extract` on lay texts composed
from (finding phrasing) x (frame) x (voice), scored as bench/intake_eval.py scores lay texts.

    .venv/bin/python bench/lay_stress.py                       # dev part, 400 texts
    .venv/bin/python bench/lay_stress.py --part both --n 400   # dev and held parts
    .venv/bin/python bench/lay_stress.py --part dev --misses   # every miss with its text

The generator and its label rules: bench/lay_stress_gen.py; the pieces (written from the
findings' definitions, split into dev and held before any reader change):
bench/lay_stress_phrasings.yaml. Tune on the dev part only; the held part is measured, never
read for misses (--misses refuses it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from intake_eval import FindingCounts, Miss, micro, score_findings  # bench/ is on the path
from lay_stress_gen import Text, generate

from legwise.kb.loader import Knowledge, load_knowledge


def score(kb: Knowledge, texts: list[Text]) -> dict[str, Any]:
    """Micro P/R/F1 over the texts, with the counts by frame kind, by voice and by finding."""
    from legwise.intake.text import extract

    counts: dict[str, FindingCounts] = {}
    misses: list[Miss] = []
    by_kind: dict[str, Counter[str]] = {}
    by_voice: dict[str, dict[str, FindingCounts]] = {}
    for t in texts:
        got = extract(t.text, kb).findings
        before = len(misses)
        voice_counts = by_voice.setdefault(t.voice, {})
        score_findings(kb, t.id, t.text, got, t.expect, counts, misses)
        score_findings(kb, t.id, t.text, got, t.expect, voice_counts, [])
        kind_of = {f: k for f, k in t.mentions}
        for fid in t.expect["findings"]:
            if fid == "symptom_duration_days":
                kind_of.setdefault(fid, "du")
        for m in misses[before:]:
            kind = kind_of.get(m.finding, "unmentioned")
            by_kind.setdefault(kind, Counter())[m.kind] += 1
        for fid in t.expect["findings"]:
            kind = kind_of.get(fid, "?")
            by_kind.setdefault(kind, Counter())["labels"] += 1
    total = micro(counts)
    return {
        "texts": len(texts),
        "precision": round(total.precision, 4),
        "recall": round(total.recall, 4),
        "f1": round(total.f1, 4),
        "tp": total.tp,
        "fp": total.fp,
        "fn": total.fn,
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "by_voice": {v: round(micro(c).f1, 4) for v, c in sorted(by_voice.items())},
        "by_finding": {
            f: {"tp": c.tp, "fp": c.fp, "fn": c.fn}
            for f, c in sorted(counts.items(), key=lambda kv: -(kv[1].fp + kv[1].fn))
        },
        "misses": misses,
    }


def print_part(part: str, res: dict[str, Any], show_misses: bool) -> None:
    print(
        f"[{part}] {res['texts']} texts: micro P {res['precision']:.3f}  R {res['recall']:.3f}  "
        f"F1 {res['f1']:.3f}  (tp {res['tp']}, fp {res['fp']}, fn {res['fn']})"
    )
    if part == "held":
        return  # totals only: the held part is never read for misses
    print("  by frame kind (labels, FN, FP):")
    for kind, c in res["by_kind"].items():
        print(f"    {kind:12} {c.get('labels', 0):5} {c.get('FN', 0):5} {c.get('FP', 0):5}")
    print("  by voice F1: " + ", ".join(f"{v} {f:.3f}" for v, f in res["by_voice"].items()))
    worst = [(f, c) for f, c in res["by_finding"].items() if c["fp"] + c["fn"]][:15]
    print("  worst findings (fp, fn): " + ", ".join(f"{f} {c['fp']}/{c['fn']}" for f, c in worst))
    if show_misses:
        for m in res["misses"]:
            print(f"    {m.kind} {m.id}: {m.finding} expected {m.expected} got {m.got}")
            print(f"       {m.text!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--part", choices=("dev", "held", "both"), default="dev")
    ap.add_argument("--n", type=int, default=400, help="texts per part (default 400)")
    ap.add_argument("--misses", action="store_true", help="list every miss (dev part only)")
    ap.add_argument("--json", metavar="FILE", help="write the totals as JSON")
    ap.add_argument("--dump", metavar="FILE", help="write the dev texts as a lay YAML file")
    args = ap.parse_args(argv)
    kb = load_knowledge()
    parts = ("dev", "held") if args.part == "both" else (args.part,)
    out: dict[str, Any] = {}
    for part in parts:
        texts = generate(part, args.n)
        if args.dump and part == "dev":
            import yaml

            entries = [t.as_entry() for t in texts]
            Path(args.dump).write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
        res = score(kb, texts)
        print_part(part, res, args.misses and part == "dev")
        out[part] = {k: v for k, v in res.items() if k not in ("misses", "by_finding")}
        if part == "dev":
            out[part]["by_finding"] = res["by_finding"]
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
