"""legwise benchmarks: single-case latency, batch throughput, and pgmpy for comparison.

    uv run python bench/run.py                                 # full run
    uv run python bench/run.py --quick --no-pgmpy              # smoke test (small sizes)
    uv run python bench/run.py --json out.json                 # also write the figures as JSON

Sections:
  [a] single-case latency (median, p99) of scoring plus triage (`quick_triage` on a parsed
      Case), of the full Assessment (`assess_case` on a dict, parsing included) and of the
      Assessment plus `.to_dict()`, over ~200 generated cases.
  [b] batch throughput: 1,000,000 structured cases generated directly as a BatchInput and run
      through the vectorised path (best of 3; its chunks run on one thread per CPU, at most
      four, with one BLAS thread each); `encode()` per case for 10,000 dict cases.
  [c] the same model through pgmpy's variable elimination, in its own uv project
      (bench/pgmpy_env: pgmpy 1.1.2 needs numpy >= 2, legwise pins numpy < 2).
  [d] targets, PASS/MISS per line.

Every case is generated from the knowledge base with a seeded numpy RNG, so runs are
comparable. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from tables import cpu_name, judge, table  # bench/ is on the path when a script runs

from legwise.engine.assess import assess_case, quick_triage
from legwise.engine.batch import SEX_CODES, BatchInput, batch_model, encode, run, threads_for
from legwise.engine.case import parse_case
from legwise.engine.compiled import CompiledKnowledge, compile_knowledge
from legwise.errors import KnowledgeError
from legwise.kb.loader import Knowledge, load_knowledge

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PGMPY_ENV = BENCH / "pgmpy_env"
SEED = 20261101

TARGETS = {
    "quick_triage_median_us": ("scoring + triage, median", "<", 20.0, "us"),
    "assess_median_us": ("full Assessment, median", "<", 200.0, "us"),
    "batch_1m_seconds": ("1,000,000 cases, vectorised", "<", 0.5, "s"),
    "pgmpy_per_case_ratio": ("speed-up vs pgmpy, per case", ">=", 15.0, "x"),
    "pgmpy_batch_ratio": ("speed-up vs pgmpy, same cases as a batch", ">=", 1000.0, "x"),
    "pgmpy_max_abs_diff": ("max |posterior difference| vs pgmpy", "<", 1e-9, ""),
}


# --- case generation ---------------------------------------------------------------------------


def _answerable(kb: Knowledge) -> list[str]:
    """Findings a case can answer in its `findings` object (age and sex go on top level)."""
    return [f for f in kb.findings if f not in ("age", "sex")]


def _answer(kb: Knowledge, fid: str, rng: np.random.Generator) -> Any:
    spec = kb.findings[fid]
    if spec.type == "state":
        return "present" if rng.random() < 0.4 else "absent"
    if spec.type == "number":
        lo = spec.min if spec.min is not None else 0.0
        hi = spec.max if spec.max is not None else 100.0
        return round(float(rng.uniform(lo, hi)), 2)
    choices = list(spec.choices or ())
    return choices[int(rng.integers(len(choices)))] if choices else "unknown"


def generate_cases(kb: Knowledge, n: int, seed: int = SEED) -> list[dict[str, Any]]:
    """A realistic mix: 8-20 answered findings each (mostly yes/no, some numbers), age, sex."""
    rng = np.random.default_rng(seed)
    pool = _answerable(kb)
    state_pool = [f for f in pool if kb.findings[f].type == "state"]
    other_pool = [f for f in pool if kb.findings[f].type != "state"]
    age_spec = kb.findings.get("age")
    age_hi = min(95.0, age_spec.max if age_spec and age_spec.max is not None else 95.0)
    sexes = list(kb.findings["sex"].choices or ()) if "sex" in kb.findings else []
    cases = []
    for i in range(n):
        k = int(rng.integers(8, 21))
        n_other = min(len(other_pool), int(rng.binomial(3, 0.3)))
        n_state = min(len(state_pool), k - n_other)
        chosen = [state_pool[j] for j in rng.choice(len(state_pool), n_state, replace=False)]
        if n_other:
            chosen += [other_pool[j] for j in rng.choice(len(other_pool), n_other, replace=False)]
        findings = {fid: _answer(kb, fid, rng) for fid in chosen}
        case: dict[str, Any] = {"id": f"bench-{i}", "findings": findings}
        if rng.random() < 0.95:
            case["age"] = int(rng.integers(6, int(age_hi) + 1))
        if sexes and rng.random() < 0.95:
            case["sex"] = sexes[int(rng.integers(len(sexes)))]
        cases.append(case)
    return cases


def generate_batch(kb: Knowledge, n: int, seed: int = SEED, answered: float = 15.0) -> BatchInput:
    """A BatchInput built directly as arrays: ~`answered` state findings per case (40% present),
    age for 95% of cases, sex for 95%, other numbers for ~5% each."""
    model = batch_model(kb)
    rng = np.random.default_rng(seed)
    n_states, n_numbers = len(model.state_ids), len(model.number_ids)
    states = np.zeros((n_states, n), dtype=np.int8)  # finding-major, as BatchInput wants
    p_answer = np.float32(min(1.0, answered / max(1, n_states)))
    step = 1 << 16
    for start in range(0, n, step):
        stop = min(n, start + step)
        u = rng.random((n_states, stop - start), dtype=np.float32)
        v = rng.random((n_states, stop - start), dtype=np.float32)
        block = np.where(v < 0.4, 1, -1).astype(np.int8)
        block[u >= p_answer] = 0
        states[:, start:stop] = block
    numbers = np.full((n_numbers, n), np.nan)
    for j, fid in enumerate(model.number_ids):
        spec = kb.findings[fid]
        lo = spec.min if spec.min is not None else 0.0
        hi = spec.max if spec.max is not None else 100.0
        if fid == "age":
            col = rng.integers(6, int(min(95.0, hi)) + 1, size=n).astype(np.float64)
            col[rng.random(n) >= 0.95] = np.nan
        else:
            col = np.round(rng.uniform(lo, hi, size=n), 2)
            col[rng.random(n) >= 0.05] = np.nan
        numbers[j] = col
    codes = np.array([0, *SEX_CODES.values()], dtype=np.int8)
    weights = np.array([0.05, 0.5, 0.44, 0.01][: len(codes)])
    sex = rng.choice(codes, size=n, p=weights / weights.sum()).astype(np.int8)
    return BatchInput([None] * n, states, numbers, sex)


# --- timing -------------------------------------------------------------------------------------


def time_calls(fn: Callable[[Any], Any], items: list[Any], repeats: int) -> dict[str, float]:
    """Per-call nanoseconds over `repeats` passes of `items` (warm-up pass first, GC off)."""
    for item in items:  # warm-up
        fn(item)
    samples = np.empty(repeats * len(items), dtype=np.int64)
    clock = time.perf_counter_ns
    k = 0
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            for item in items:
                t0 = clock()
                fn(item)
                samples[k] = clock() - t0
                k += 1
    finally:
        gc.enable()
    us = samples / 1000.0
    return {
        "calls": int(samples.size),
        "median_us": float(np.median(us)),
        "p99_us": float(np.percentile(us, 99)),
        "mean_us": float(us.mean()),
    }


def best_of(fn: Callable[[], Any], times: int) -> tuple[float, Any]:
    best, out = math.inf, None
    for _ in range(times):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            out = fn()
            best = min(best, time.perf_counter() - t0)
        finally:
            gc.enable()
    return best, out


COVERS = (
    "the yes/no likelihood ratios and base priors only. Cases leave out every finding a prior "
    "adjustment reads, and age, sex and numbers stay unknown, so age/sex prior adjustments, "
    "numeric bands and the triage rules are NOT part of the comparison"
)

# --- the pgmpy comparison -----------------------------------------------------------------------


def export_model(compiled: CompiledKnowledge) -> dict[str, Any]:
    """Conditions, base prior probability, and per condition its yes/no links as LR+/LR-
    (several links of one finding to one condition multiply, as they do in scoring)."""
    kb = compiled.kb
    combined: dict[tuple[int, str], list[float]] = {}
    for fid, links in compiled.state_links.items():
        for sl in links:
            pair = combined.setdefault((sl.condition, fid), [1.0, 1.0])
            pair[0] *= sl.link.positive
            pair[1] *= sl.link.negative
    conditions = []
    for i, cid in enumerate(compiled.conditions):
        links = [
            {"finding": fid, "lr_pos": lr[0], "lr_neg": lr[1]}
            for (c, fid), lr in combined.items()
            if c == i
        ]
        conditions.append(
            {"id": cid, "prior": kb.conditions[cid].prior.probability, "links": links}
        )
    return {"knowledge_version": kb.version, "conditions": conditions}


def comparable_findings(compiled: CompiledKnowledge) -> list[str]:
    """Yes/no findings with links, minus any finding a prior adjustment looks at (so no
    adjustment can apply: age and sex stay unknown too)."""
    used: set[str] = set()
    for adj in compiled.adjustments:
        used |= set(adj.spec.when.findings())
    return [f for f in compiled.state_links if f not in used and f not in ("age", "sex")]


def comparison_cases(
    compiled: CompiledKnowledge, n: int, seed: int = SEED + 1
) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    pool = comparable_findings(compiled)
    cases = []
    for i in range(n):
        k = min(len(pool), int(rng.integers(8, 21)))
        chosen = [pool[j] for j in rng.choice(len(pool), k, replace=False)]
        findings = {f: ("present" if rng.random() < 0.4 else "absent") for f in chosen}
        cases.append({"id": f"cmp-{i}", "findings": findings})
    return cases


def find_uv() -> str | None:
    """uv as dev.py found it (LEGWISE_UV), on PATH, or where dev.py installs it (.tools/uv)."""
    given = os.environ.get("LEGWISE_UV")
    if given and Path(given).is_file():
        return given
    found = shutil.which("uv")
    if found:
        return found
    local = ROOT / ".tools" / "uv" / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv")
    return str(local) if local.is_file() else None


def run_pgmpy(
    model: dict[str, Any], cases: list[dict[str, Any]], timeout: float
) -> tuple[dict[str, Any] | None, str | None]:
    """Run compare.py in bench/pgmpy_env; (result, None) or (None, why it was skipped)."""
    uv = find_uv()
    if uv is None:
        return None, "uv is not on PATH nor in .tools/uv (run `python3 dev.py bench`)"
    if not (PGMPY_ENV / "pyproject.toml").is_file():
        return None, f"{PGMPY_ENV / 'pyproject.toml'} is missing"
    env = {
        k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")
    }
    with tempfile.TemporaryDirectory(prefix="legwise-bench-") as tmp:
        mpath, cpath, opath = (Path(tmp) / n for n in ("model.json", "cases.json", "out.json"))
        mpath.write_text(json.dumps(model), encoding="utf-8")
        cpath.write_text(json.dumps(cases), encoding="utf-8")
        cmd = [
            uv,
            "run",
            "--quiet",
            "--project",
            str(PGMPY_ENV),
            "python",
            str(PGMPY_ENV / "compare.py"),
            str(mpath),
            str(cpath),
            str(opath),
        ]
        try:
            proc = subprocess.run(
                cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return None, f"pgmpy comparison timed out after {timeout:.0f} s"
        except OSError as exc:
            return None, f"could not start uv: {exc}"
        if proc.returncode != 0 or not opath.is_file():
            tail = "\n    ".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
            return None, f"pgmpy environment failed (exit {proc.returncode}):\n    {tail}"
        return json.loads(opath.read_text(encoding="utf-8")), None


# --- report --------------------------------------------------------------------------------------


def fmt_us(x: float) -> str:
    return f"{x:,.2f} us" if x < 1000 else f"{x / 1000:,.3f} ms"


def fmt_s(x: float) -> str:
    if x >= 3600:
        return f"{x / 3600:,.2f} h"
    if x >= 1:
        return f"{x:,.3f} s"
    return f"{x * 1000:,.2f} ms"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    ap.add_argument("--no-pgmpy", action="store_true", help="skip the pgmpy comparison")
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    args = ap.parse_args(argv)

    n_cases = 20 if args.quick else 200
    repeats_fast = 5 if args.quick else 100
    repeats_full = 3 if args.quick else 25
    n_batch = 10_000 if args.quick else 1_000_000
    n_encode = 1_000 if args.quick else 10_000
    n_pgmpy = 20 if args.quick else 300

    try:
        t0 = time.perf_counter()
        kb = load_knowledge()
        load_s = time.perf_counter() - t0
    except KnowledgeError as exc:
        print(f"the knowledge base does not load, nothing to measure:\n{exc}", file=sys.stderr)
        return 1
    compiled = compile_knowledge(kb)
    model = batch_model(kb)
    n_links = sum(len(v) for v in kb.links.values())
    figures: dict[str, Any] = {
        "command": " ".join(
            [Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])]
        ),
        "quick": args.quick,
        "machine": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "platform": platform.platform(),
            "cpu": cpu_name(),
        },
        "knowledge": {
            "version": kb.version,
            "conditions": len(kb.conditions),
            "findings": len(kb.findings),
            "state_findings": len(model.state_ids),
            "links": n_links,
            "rules": len(kb.rules),
            "load_seconds": load_s,
        },
    }
    print(
        f"legwise bench{' (--quick)' if args.quick else ''}: knowledge {kb.version}, "
        f"{len(kb.conditions)} conditions, {len(kb.findings)} findings "
        f"({len(model.state_ids)} yes/no), {n_links} links, {len(kb.rules)} rules"
    )
    print(f"python {platform.python_version()}, numpy {np.__version__}, {cpu_name()}")

    # [a] single-case latency
    cases = generate_cases(kb, n_cases)
    parsed = [parse_case(kb, c) for c in cases]
    answered = [len(c["findings"]) for c in cases]
    qt = time_calls(lambda c: quick_triage(compiled, c), parsed, repeats_fast)
    parse = time_calls(lambda d: parse_case(kb, d), cases, repeats_fast)
    full = time_calls(lambda d: assess_case(d, kb=kb), cases, repeats_full)
    full_dict = time_calls(lambda d: assess_case(d, kb=kb).to_dict(), cases, repeats_full)
    figures["single_case"] = {
        "cases": n_cases,
        "answered_findings_mean": float(np.mean(answered)),
        "quick_triage": qt,
        "parse_case": parse,
        "assess_case": full,
        "assess_case_to_dict": full_dict,
    }
    print(
        f"\n[a] single-case latency ({n_cases} generated cases, "
        f"{np.mean(answered):.1f} answers each on average; GC off while timing)"
    )
    print(
        table(
            [
                ("what", "calls", "median", "p99", "mean"),
                *[
                    (
                        name,
                        f"{r['calls']:,}",
                        fmt_us(r["median_us"]),
                        fmt_us(r["p99_us"]),
                        fmt_us(r["mean_us"]),
                    )
                    for name, r in (
                        ("scoring + triage: quick_triage(compiled, Case)", qt),
                        ("parse_case(kb, dict) alone", parse),
                        ("full Assessment: assess_case(kb, dict)", full),
                        ("assess_case(kb, dict).to_dict()", full_dict),
                    )
                ],
            ]
        )
    )

    # [b] batch throughput
    t0 = time.perf_counter()
    batch = generate_batch(kb, n_batch)
    gen_s = time.perf_counter() - t0
    per_row = float(np.mean((batch.states != 0).sum(axis=0)))
    threads = threads_for(n_batch)
    run_s, result = best_of(lambda: run(kb, batch), 3)
    del result
    enc_cases = generate_cases(kb, n_encode, seed=SEED + 2)
    enc_s, _ = best_of(lambda: encode(kb, enc_cases), 3)
    scale = 1_000_000 / n_batch
    figures["batch"] = {
        "rows": n_batch,
        "state_answers_per_row": per_row,
        "generate_seconds": gen_s,
        "run_best_of_3_seconds": run_s,
        "threads": threads,  # chunks run side by side (`batch.threads_for`), one BLAS thread each
        "rows_per_second": n_batch / run_s,
        "ns_per_row": run_s / n_batch * 1e9,
        "run_1m_seconds_estimate": run_s * scale,
        "encode_cases": n_encode,
        "encode_seconds": enc_s,
        "encode_us_per_case": enc_s / n_encode * 1e6,
    }
    print(
        f"\n[b] batch throughput (vectorised path; {n_batch:,} rows generated as arrays in "
        f"{fmt_s(gen_s)}, {per_row:.1f} yes/no answers per row)"
    )
    print(
        table(
            [
                ("what", "rows", "time", "per row", "rows/s"),
                (
                    f"run(kb, batch), best of 3, {threads} thread{'s' if threads > 1 else ''}",
                    f"{n_batch:,}",
                    fmt_s(run_s),
                    f"{run_s / n_batch * 1e9:,.0f} ns",
                    f"{n_batch / run_s:,.0f}",
                ),
                (
                    "encode(kb, dicts), best of 3",
                    f"{n_encode:,}",
                    fmt_s(enc_s),
                    fmt_us(enc_s / n_encode * 1e6),
                    f"{n_encode / enc_s:,.0f}",
                ),
            ]
        )
    )
    if n_batch != 1_000_000:
        print(f"  (1,000,000 rows extrapolated: {fmt_s(run_s * scale)})")

    # [c] pgmpy
    print("\n[c] pgmpy variable elimination on the same model")
    pg: dict[str, Any] | None = None
    if args.no_pgmpy:
        print("  skipped (--no-pgmpy)")
        figures["pgmpy"] = {"skipped": "--no-pgmpy"}
    else:
        exported = export_model(compiled)
        cmp_cases = comparison_cases(compiled, n_pgmpy)
        out, why = run_pgmpy(exported, cmp_cases, timeout=120 if args.quick else 900)
        if out is None:
            print(f"  NOTE: pgmpy comparison skipped: {why}")
            print(f"bench/run.py: pgmpy comparison NOT run: {why}", file=sys.stderr)
            figures["pgmpy"] = {"skipped": why}
        else:
            cmp_parsed = [parse_case(kb, c) for c in cmp_cases]
            ours = [quick_triage(compiled, c)[1] for c in cmp_parsed]
            diff = 0.0
            for mine, theirs in zip(ours, out["posteriors"], strict=True):
                if set(mine) != set(theirs):
                    raise SystemExit("pgmpy and legwise scored different condition sets")
                diff = max(diff, *(abs(mine[k] - theirs[k]) for k in mine))
            ours_t = time_calls(
                lambda c: quick_triage(compiled, c), cmp_parsed, 5 if args.quick else 100
            )
            pg_case = np.array(out["per_case_seconds"])
            pg_median_s = float(np.median(pg_case))
            ours_median_s = ours_t["median_us"] / 1e6
            # Batch against batch, both measured on the same cases: pgmpy has no vectorised
            # query for rows with different evidence, so its batch is the cases one after
            # another in one process; legwise's is the vectorised path (encode + run).
            pg_total = float(pg_case.sum())
            ours_batch_s, _ = best_of(lambda: run(kb, encode(kb, cmp_cases)), 5)
            pg = {
                "pgmpy_version": out["pgmpy_version"],
                "numpy_version": out["numpy_version"],
                "cases": n_pgmpy,
                "networks": len(exported["conditions"]),
                "network_links": sum(len(c["links"]) for c in exported["conditions"]),
                "comparable_findings": len(comparable_findings(compiled)),
                "queries_per_case": len(exported["conditions"]),
                "build_seconds": out["build_seconds"],
                "pgmpy_median_us_per_case": pg_median_s * 1e6,
                "pgmpy_p99_us_per_case": float(np.percentile(pg_case, 99)) * 1e6,
                "legwise_quick_triage_median_us": ours_t["median_us"],
                "per_case_ratio": pg_median_s / ours_median_s,
                "pgmpy_batch_seconds": pg_total,
                "legwise_batch_seconds": ours_batch_s,
                "batch_ratio": pg_total / ours_batch_s,
                "covers": COVERS,
                "max_abs_diff": diff,
            }
            figures["pgmpy"] = pg
            print(f"  covers: {COVERS}")
            print(
                f"  pgmpy {out['pgmpy_version']} (numpy {out['numpy_version']}): "
                f"{pg['networks']} naive-Bayes networks, {pg['network_links']} links, "
                f"{n_pgmpy} cases, {pg['queries_per_case']} queries per case"
            )
            print(
                table(
                    [
                        ("what", "pgmpy", "legwise", "ratio"),
                        (
                            "per case, median (legwise: quick_triage)",
                            fmt_us(pg["pgmpy_median_us_per_case"]),
                            fmt_us(ours_t["median_us"]),
                            f"{pg['per_case_ratio']:,.0f}x",
                        ),
                        (
                            f"{n_pgmpy} cases as a batch (both measured)",
                            fmt_s(pg_total),
                            fmt_s(ours_batch_s),
                            f"{pg['batch_ratio']:,.0f}x",
                        ),
                        ("max |posterior difference|", f"{diff:.2e}", "", ""),
                    ]
                )
            )

    # [d] targets
    measured = {
        "quick_triage_median_us": qt["median_us"],
        "assess_median_us": full["median_us"],
        "batch_1m_seconds": run_s * scale,
        "pgmpy_per_case_ratio": pg["per_case_ratio"] if pg else None,
        "pgmpy_batch_ratio": pg["batch_ratio"] if pg else None,
        "pgmpy_max_abs_diff": pg["max_abs_diff"] if pg else None,
    }
    rows: list[tuple[str, ...]] = [("target", "goal", "measured", "result")]
    verdicts: dict[str, Any] = {}
    for key, (label, op, goal, unit) in TARGETS.items():
        value = measured[key]
        goal_s = f"{op} {goal:g}{'' if unit in ('', 'x') else ' '}{unit}"
        verdicts[key] = judge(value, op, goal)
        if value is None:
            rows.append((label, goal_s, "-", "SKIP"))
            continue
        shown = (
            f"{value:.2e}"
            if unit == ""
            else f"{value:,.3g} {unit}"
            if unit != "x"
            else f"{value:,.0f}x"
        )
        if key == "batch_1m_seconds" and n_batch != 1_000_000:
            shown += " (extrap.)"
        rows.append((label, goal_s, shown, verdicts[key]["result"]))
    figures["targets"] = verdicts
    print("\n[d] targets")
    print(table(rows))
    if args.quick:
        print("  (--quick: small sizes, figures are a smoke test, not a measurement)")

    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
