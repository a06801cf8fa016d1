"""Full contract results from a batch file, the CLI as shipped against the code before:
`legwise assess --batch cases.jsonl --json > out.jsonl` (one full result a line).

    .venv/bin/python bench/full_contract.py --before SRC                 # 15,000 cases, 3 runs
    .venv/bin/python bench/full_contract.py --before SRC --cases 5000 --runs 2

SRC is a source tree of the code before, its `src/` folder, e.g. the tree the issue was
filed on:
    mkdir -p /tmp/before && git archive a60f76c^ src | tar -x -C /tmp/before
    .venv/bin/python bench/full_contract.py --before /tmp/before/src

The cases are bench/batch_files.py's generator's (seeded), limited to the findings the code
before knows (it would refuse the others). Each run is a fresh process of each version
in turn (before, now, before, now ...), stdout redirected to a file in a temporary folder,
the same way for both; per-case figures take out each version's own start-up (best of three
runs of one case: Python, imports, knowledge load). Wall seconds and CPU seconds (user +
system, every process of the run: the CLI and its workers) are reported; the speed-up is
the best run of each, per case. `--cpu` judges on CPU per case instead: the ratio a busy
machine distorts least, though it leaves out what two cores give in wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson
from tables import cpu_name, judge, table  # bench/ is on the path when a script runs

TARGET = ("full contract JSONL, per case vs before", ">=", 3.0, "x")


def known_findings(source: Path) -> set[str]:
    """The finding ids the legwise in `source` knows."""
    code = "import json; from legwise.kb.loader import load_knowledge; "
    code += "print(json.dumps(sorted(load_knowledge().findings)))"
    env = {**os.environ, "PYTHONPATH": str(source)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return set(json.loads(out.stdout))


def sample(lines_from: Path, n: int, keep: set[str] | None, out: Path) -> int:
    """The first `n` lines of a JSON Lines file of cases, findings outside `keep` left out."""
    count = 0
    with lines_from.open("rb") as src, out.open("wb") as dst:
        for line in src:
            if count == n:
                break
            if keep is not None:
                case = orjson.loads(line)
                case["findings"] = {k: v for k, v in case["findings"].items() if k in keep}
                line = orjson.dumps(case) + b"\n"
            dst.write(line)
            count += 1
    return count


def one_run(args: list[str], source: Path | None, stdout: Path) -> dict[str, float]:
    from batch_files import run_cli

    return run_cli(args, source=source, stdout=stdout)


def startup(source: Path | None, folder: Path) -> dict[str, float]:
    """The best of three runs of one case: wall and CPU seconds."""
    one = folder / "one.jsonl"
    one.write_text('{"findings": {"one_leg_swollen": "present"}}\n')
    runs = [
        one_run(["assess", "--batch", str(one), "--json"], source, folder / "one-out.jsonl")
        for _ in range(3)
    ]
    return {
        "seconds": min(r["seconds"] for r in runs),
        "cpu_seconds": min(r["cpu_seconds"] for r in runs),
    }


def compare(before: Path, cases: Path, folder: Path, n: int, runs: int) -> dict[str, Any]:
    """Old and new CLI in turn on the same `n` cases, `runs` times each (see the docstring)."""
    path = folder / "full-cases.jsonl"
    n = sample(cases, n, known_findings(before), path)
    starts = {"before": startup(before, folder), "now": startup(None, folder)}
    out: dict[str, Any] = {"cases": n, "startup": starts, "runs": {"before": [], "now": []}}
    for _ in range(runs):
        for name, source in (("before", before), ("now", None)):
            target = folder / f"full-{name}.jsonl"
            m = one_run(["assess", "--batch", str(path), "--json"], source, target)
            m["us_per_case"] = max(0.0, m["seconds"] - starts[name]["seconds"]) / n * 1e6
            m["cpu_us_per_case"] = (
                max(0.0, m["cpu_seconds"] - starts[name]["cpu_seconds"]) / n * 1e6
            )
            m["kb_per_case"] = target.stat().st_size / n / 1e3
            with target.open("rb") as f:
                m["lines"] = sum(1 for _ in f)
            if m["lines"] != n:
                raise RuntimeError(f"{name}: {m['lines']} result lines for {n} cases")
            out["runs"][name].append(m)
            target.unlink()
    best = {k: min(r["us_per_case"] for r in v) for k, v in out["runs"].items()}
    best_cpu = {k: min(r["cpu_us_per_case"] for r in v) for k, v in out["runs"].items()}
    out["speedup"] = best["before"] / max(1e-9, best["now"])
    out["cpu_speedup"] = best_cpu["before"] / max(1e-9, best_cpu["now"])
    return out


def report(figures: dict[str, Any]) -> str:
    rows: list[tuple[str, ...]] = [("run", "seconds", "us/case", "CPU s", "CPU us/case", "KB/case")]
    for name in ("before", "now"):
        s = figures["startup"][name]
        rows.append((f"{name}: start-up, one case", f"{s['seconds']:.2f}", "", "", "", ""))
        for i, m in enumerate(figures["runs"][name], 1):
            rows.append(
                (
                    f"{name}: run {i}",
                    f"{m['seconds']:.2f}",
                    f"{m['us_per_case']:.0f}",
                    f"{m['cpu_seconds']:.2f}",
                    f"{m['cpu_us_per_case']:.0f}",
                    f"{m['kb_per_case']:.1f}",
                )
            )
    return (
        table(rows)
        + f"\n  speed-up per case, best run of each, start-up taken out: {figures['speedup']:.2f}x"
        + f" (CPU per case: {figures['cpu_speedup']:.2f}x)"
    )


def main(argv: list[str] | None = None) -> int:
    from batch_files import write_files

    from legwise.kb.loader import load_knowledge

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, metavar="SRC")
    ap.add_argument("--cases", type=int, default=15_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cpu", action="store_true", help="judge on CPU per case (see above)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="legwise-full-bench-"))
    try:
        load = os.getloadavg()[0]
        print(f"full contract JSON Lines, {args.cases:,} cases, {cpu_name()}, load {load:.2f}")
        paths = write_files(load_knowledge(), args.cases, folder)
        figures = compare(args.before, paths["jsonl"], folder, args.cases, args.runs)
        print(report(figures))
        key = "cpu_speedup" if args.cpu else "speedup"
        label, op, goal, unit = TARGET
        verdict = judge(figures[key], op, goal)
        basis = "CPU" if args.cpu else "wall"
        print(
            table(
                [
                    ("target", "goal", "measured", "result"),
                    (
                        f"{label} ({basis})",
                        f"{op} {goal:g} {unit}",
                        f"{figures[key]:.2f} {unit}",
                        verdict["result"],
                    ),
                ]
            )
        )
        print(f"  load average at the end: {os.getloadavg()[0]:.2f}")
        figures["target"] = verdict
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
