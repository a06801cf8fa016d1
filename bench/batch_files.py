"""legwise batch files end to end: file in -> file out, as a user runs it.

    .venv/bin/python bench/batch_files.py                 # 1,000,000 cases (~2 min on 2 cores)
    .venv/bin/python bench/batch_files.py --quick         # 50,000 cases, a smoke run
    .venv/bin/python bench/batch_files.py --json out.json

Stages, each a fresh `legwise assess --batch ...` process (start-up, knowledge load, reading,
checking, scoring and writing all included; wall clock and the process's peak memory):
  [a] generate N realistic cases (6-20 answers, ~13 on average; mostly yes/no, ~40% yes, numbers,
      age and sex for 95%; seeded) as JSON Lines, CSV and Parquet. Not timed as a target.
  [b] JSON Lines -> compact JSON Lines; Parquet -> Parquet (compact); CSV -> compact CSV.
  [c] full contract JSON Lines (`--batch FILE --json --output`) on FULL_N cases, against
      today's way of doing it measured in the same run: json.loads a line, `assess_case`,
      `.to_dict()`, `json.dumps` (what `legwise assess --batch --json` did before this change),
      in-process, on the same cases; per-case figures exclude process start-up for both.
      With --before SRC (the code before, e.g. the tree the issue was filed on: see
      bench/full_contract.py), the target is judged on the CLI as shipped against the CLI of
      SRC instead, `--json > file` for both, in turn (--full-runs), each one's start-up out.
  [d] where a Parquet -> Parquet run spends its CPU, in-process on the first 300,000 rows as
      one worker does it (after one warm-up chunk; the batch run's memory settings on): read a
      batch of row groups, check and code the columns, score (`engine.batch.run`, which this
      stage does not own), build the result columns (the causes ordering among them), hand
      the table to the parent (an Arrow file on /dev/shm and back; pickle both ways where
      there is none), write Parquet. Seconds of CPU per million.
  [e] targets, PASS/MISS per line.

Files go to a temporary folder, removed at the end (--keep keeps them).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
from tables import cpu_name, judge, table  # bench/ is on the path when a script runs

from legwise.kb.loader import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
SEED = 16
FULL_N = 5000
TARGETS = {
    "jsonl_compact_seconds": ("1M cases JSONL -> compact JSONL", "<", 10.0, "s"),
    "parquet_parquet_seconds": ("1M cases Parquet -> Parquet", "<", 3.0, "s"),
    "peak_memory_mb": ("peak memory, any stage, all processes (streamed)", "<", 1024.0, "MB"),
    "full_speedup": ("full contract JSONL, per case vs before", ">=", 3.0, "x"),
}


# --- cases ---------------------------------------------------------------------------------------


def generate(kb: Knowledge, n: int, seed: int = SEED) -> pa.Table:
    """N wide cases as an Arrow table (null: not asked)."""
    rng = np.random.default_rng(seed)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    numbers = [f for f in kb.findings.values() if f.type == "number" and f.id != "age"]
    answered = rng.integers(6, 21, size=n)  # answers per case
    p_answer = answered / len(states)
    words = pa.array(["present", "absent", "unknown"])
    columns: dict[str, Any] = {"id": pa.array([f"case-{i}" for i in range(n)])}
    age = rng.integers(3, 96, size=n).astype(np.float64)
    columns["age"] = pa.array(np.where(rng.random(n) < 0.95, age, np.nan), from_pandas=True)
    sexes = pa.array(list(kb.findings["sex"].choices or ()))
    sex = pa.array(rng.integers(0, len(sexes), size=n).astype(np.int32))
    columns["sex"] = pc.if_else(pa.array(rng.random(n) < 0.95), sexes.take(sex), None)
    for fid in states:
        asked = rng.random(n) < p_answer
        code = rng.choice(3, size=n, p=[0.4, 0.55, 0.05]).astype(np.int32)
        columns[fid] = pc.if_else(pa.array(asked), words.take(pa.array(code)), None)
    for spec in numbers:
        lo = spec.min if spec.min is not None else 0.0
        hi = spec.max if spec.max is not None else 100.0
        x = np.round(rng.uniform(lo, hi, size=n), 2)
        columns[spec.id] = pa.array(np.where(rng.random(n) < 0.1, x, np.nan), from_pandas=True)
    return pa.table(columns)


def _jsonl_lines(kb: Knowledge, t: pa.Table) -> pa.Array:
    """The cases as JSON Lines in the contract's nested shape, built a column at a time."""
    parts = []
    for name in t.column_names:
        if name in ("id", "age", "sex"):
            continue
        col = t.column(name).combine_chunks()
        text = pc.cast(col, pa.string())
        if kb.findings[name].type == "state":
            text = pc.binary_join_element_wise('"', text, '"', "")
        parts.append(pc.fill_null(pc.binary_join_element_wise(f'"{name}":', text, ",", ""), ""))
    joined = pc.binary_join_element_wise(*parts, "")
    findings = pc.utf8_rtrim(joined, characters=",")
    assert len(findings) == t.num_rows
    head = pc.binary_join_element_wise('{"id":"', t.column("id").combine_chunks(), '"', "")
    age = pc.binary_join_element_wise(
        ',"age":', pc.cast(pc.cast(t.column("age").combine_chunks(), pa.int64()), pa.string()), ""
    )
    sex = pc.binary_join_element_wise(',"sex":"', t.column("sex").combine_chunks(), '"', "")
    body = pc.binary_join_element_wise(',"findings":{', findings, "}}\n", "")
    age = pc.fill_null(age, "")
    sex = pc.fill_null(sex, "")
    return pc.binary_join_element_wise(head, age, sex, body, "")


def write_files(kb: Knowledge, n: int, folder: Path) -> dict[str, Path]:
    paths = {k: folder / f"cases.{k}" for k in ("jsonl", "csv", "parquet")}
    step = 100_000
    jsonl = paths["jsonl"].open("wb")
    csv_writer = None
    pq_writer = None
    try:
        for start in range(0, n, step):
            t = generate(kb, min(step, n - start), SEED + start)
            ids = pa.array([f"case-{i}" for i in range(start, start + t.num_rows)])
            t = t.set_column(0, "id", ids)
            lines = _jsonl_lines(kb, t)
            for line in lines.to_pylist():
                jsonl.write(line.encode())
            if csv_writer is None:
                csv_writer = pcsv.CSVWriter(str(paths["csv"]), t.schema)
                pq_writer = pq.ParquetWriter(str(paths["parquet"]), t.schema)
            csv_writer.write_table(t)
            assert pq_writer is not None
            pq_writer.write_table(t)
    finally:
        jsonl.close()
        if csv_writer is not None:
            csv_writer.close()
        if pq_writer is not None:
            pq_writer.close()
    return paths


# --- timing --------------------------------------------------------------------------------------


# A small launcher: a process's peak memory counter starts from its parent's at fork, so the
# CLI is started from a fresh, small Python rather than from this one (which holds the cases).
# Big files are scored by worker processes, so it also samples the resident memory of the
# whole process tree (the CLI and its workers, summed; pages they share are counted once per
# process, so the sum errs high) every 20 ms, plus the files workers leave on shared memory
# for the parent (/dev/shm/legwise-batch-*: memory, though no process holds it; counted again
# when the parent maps one, so again the sum errs high).
LAUNCH = (
    "import glob, os, resource, subprocess, sys, threading, time\n"
    "def tree(pid):\n"
    "    total, stack = 0, [pid]\n"
    "    while stack:\n"
    "        p = stack.pop()\n"
    "        try:\n"
    "            for line in open(f'/proc/{p}/status'):\n"
    "                if line.startswith('VmRSS:'):\n"
    "                    total += int(line.split()[1])\n"
    "            for t in os.listdir(f'/proc/{p}/task'):\n"
    "                stack += map(int, open(f'/proc/{p}/task/{t}/children').read().split())\n"
    "        except (OSError, ValueError):\n"
    "            pass\n"
    "    for folder in glob.glob('/dev/shm/legwise-batch-*'):\n"
    "        try:\n"
    "            for name in os.listdir(folder):\n"
    "                total += os.path.getsize(os.path.join(folder, name)) // 1024\n"
    "        except OSError:\n"
    "            pass\n"
    "    return total\n"
    "peak = [0]\n"
    "t0 = time.perf_counter()\n"
    "to = os.environ.get('LEGWISE_BENCH_STDOUT')\n"
    "out = open(to, 'wb') if to else subprocess.DEVNULL\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=out, stderr=subprocess.PIPE)\n"
    "def watch():\n"
    "    while p.poll() is None:\n"
    "        peak[0] = max(peak[0], tree(p.pid))\n"
    "        time.sleep(0.02)\n"
    "w = threading.Thread(target=watch, daemon=True)\n"
    "w.start()\n"
    "err = p.stderr.read()\n"
    "p.wait()\n"
    "t = time.perf_counter() - t0\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write(err.decode(errors='replace'))\n"
    "print(p.returncode, t, u.ru_maxrss, u.ru_utime + u.ru_stime, peak[0])\n"
)


def run_cli(
    args: list[str], source: Path | None = None, stdout: Path | None = None
) -> dict[str, float]:
    """One `legwise` process: wall seconds, CPU seconds and peak resident memory (MB)
    (`source`: legwise from that source tree, e.g. an older version; `stdout`: a file its
    standard output is redirected to, else it is thrown away)."""
    cmd = [sys.executable, "-m", "legwise", *args]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if source is not None:
        env["PYTHONPATH"] = str(source)
    if stdout is not None:
        env["LEGWISE_BENCH_STDOUT"] = str(stdout)
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCH, *cmd], capture_output=True, text=True, env=env
    )
    code, seconds, maxrss, cpu, tree_kb = proc.stdout.split()
    if int(code) != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({code}): {proc.stderr}")
    return {
        "seconds": float(seconds),
        "cpu_seconds": float(cpu),
        "peak_mb": max(int(maxrss), int(tree_kb)) / 1024,  # all processes, summed
        "largest_process_mb": int(maxrss) / 1024,
    }


def startup() -> float:
    """Seconds for `legwise assess` to start, load the knowledge and score one case."""
    folder = Path(tempfile.mkdtemp(prefix="legwise-start-"))
    try:
        one = folder / "one.jsonl"
        one.write_text('{"findings": {"one_leg_swollen": "present"}}\n')
        best = min(
            run_cli(["assess", "--batch", str(one), "--json", "--output", str(folder / "o.jsonl")])[
                "seconds"
            ]
            for _ in range(3)
        )
        return best
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def full_before(kb: Knowledge, path: Path, out: Path) -> float:
    """Today's --batch --json, in-process: seconds for every line of `path`."""
    from legwise.engine.assess import assess_case
    from legwise.engine.case import parse_case

    t0 = time.perf_counter()
    lines = path.read_text(encoding="utf-8").splitlines()
    cases = [parse_case(kb, json.loads(line)) for line in lines if line.strip()]
    with out.open("w", encoding="utf-8") as f:
        for case in cases:
            f.write(json.dumps(assess_case(case, kb=kb).to_dict(), ensure_ascii=False) + "\n")
    return time.perf_counter() - t0


def full_after(kb: Knowledge, path: Path, out: Path) -> float:
    """The new --batch --json --output, in-process (the CLI's own function)."""
    from legwise.interfaces.cli.batch import BatchOptions, run_batch

    t0 = time.perf_counter()
    run_batch(kb, BatchOptions(str(path), as_json=True, output=str(out)))
    return time.perf_counter() - t0


def parquet_stages(kb: Knowledge, path: Path, rows: int = 300_000) -> dict[str, float]:
    """CPU seconds per million cases for each stage of a worker's Parquet path (see [d])."""
    import io
    import pickle
    import resource

    from legwise.engine.batch import batch_model, run
    from legwise.tables.batch_process import prepare
    from legwise.tables.cases import encode_table
    from legwise.tables.files import parquet_options
    from legwise.tables.pieces import PIECE_ROWS, _share, _share_folder, unshare
    from legwise.tables.results import _causes, result_table

    prepare()
    share = _share_folder()

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    states = [f.id for f in kb.findings.values() if f.type == "state"]
    handle = pq.ParquetFile(str(path), read_dictionary=states)
    names = ("read", "check", "score", "results", "of which causes order", "hand over", "write")
    spent = dict.fromkeys(names, 0.0)
    writer = None
    done = 0
    first = True  # the first chunk is read and scored twice: the first time warms up
    batches = handle.iter_batches(batch_size=PIECE_ROWS, use_threads=False)
    while done < rows:
        t = cpu()
        batch = next(handle.iter_batches(batch_size=PIECE_ROWS)) if first else next(batches, None)
        if batch is None:
            break
        cases = pa.Table.from_batches([batch])
        t1 = cpu()
        encoded = encode_table(kb, cases)
        t2 = cpu()
        result = run(kb, encoded.batch, fired=True)
        t3 = cpu()
        out = result_table(kb, encoded.batch, result, encoded.ids)
        t4 = cpu()
        _causes(batch_model(kb), result.probabilities, result.tier)
        t5 = cpu()
        if share is None:
            out = pickle.loads(pickle.dumps(out))
        else:
            out = unshare(_share(out, os.path.join(share, "part")))
        t6 = cpu()
        if writer is None:
            writer = pq.ParquetWriter(io.BytesIO(), out.schema, **parquet_options(out))
        writer.write_table(out)
        t7 = cpu()
        if first:
            first = False
            continue
        took = (t1 - t, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6)
        for name, seconds in zip(names, took, strict=True):
            spent[name] += seconds
        done += batch.num_rows
    if writer is not None:
        writer.close()
    if share is not None:
        shutil.rmtree(share, ignore_errors=True)
    return {name: seconds * 1e6 / max(1, done) for name, seconds in spent.items()}


# --- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="50,000 cases, 1,000 for the full path")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    ap.add_argument(
        "--before",
        type=Path,
        metavar="SRC",
        help="also run the full-contract stage with legwise from an older source tree (its "
        "src/ folder) as a CLI process, for a before/after in the same run",
    )
    ap.add_argument(
        "--full-runs", type=int, default=2, help="runs of each CLI with --before (alternating)"
    )
    ap.add_argument("--full-cases", type=int, default=FULL_N, help="cases for the full path")
    args = ap.parse_args(argv)
    n = 50_000 if args.quick else args.cases
    full_n = 1000 if args.quick else args.full_cases
    kb = load_knowledge()
    folder = Path(tempfile.mkdtemp(prefix="legwise-batch-bench-"))
    figures: dict[str, Any] = {
        "machine": {"cpu": cpu_name(), "python": platform.python_version()},
        "cases": n,
    }
    try:
        load = os.getloadavg()
        print(f"legwise batch files: {n:,} cases, {cpu_name()}, load average {load[0]:.2f}")
        figures["load_before"] = load
        t0 = time.perf_counter()
        paths = write_files(kb, n, folder)
        sizes = {k: p.stat().st_size / 1e6 for k, p in paths.items()}
        print(
            f"\n[a] generated in {time.perf_counter() - t0:.1f} s: "
            + ", ".join(f"{k} {v:,.0f} MB" for k, v in sizes.items())
        )
        figures["input_mb"] = sizes

        stages = [
            ("JSONL -> compact JSONL", "jsonl", "out.jsonl"),
            ("Parquet -> Parquet", "parquet", "out.parquet"),
            ("CSV -> compact CSV", "csv", "out.csv"),
        ]
        rows: list[tuple[str, ...]] = [
            ("stage", "seconds", "CPU s", "us/case", "peak MB (all)", "largest", "out MB")
        ]
        stage_figures = {}
        for label, kind, out_name in stages:
            out = folder / out_name
            m = run_cli(["assess", "--batch", str(paths[kind]), "--compact", "--output", str(out)])
            m["out_mb"] = out.stat().st_size / 1e6
            stage_figures[kind] = m
            rows.append(
                (
                    label,
                    f"{m['seconds']:.2f}",
                    f"{m['cpu_seconds']:.2f}",
                    f"{m['seconds'] / n * 1e6:.2f}",
                    f"{m['peak_mb']:.0f}",
                    f"{m['largest_process_mb']:.0f}",
                    f"{m['out_mb']:.0f}",
                )
            )
        start = startup()
        rows.append(("(start-up + one case)", f"{start:.2f}", "", "", "", "", ""))
        print("\n[b] compact results, one `legwise` process each\n" + table(rows))
        figures["stages"] = stage_figures
        figures["startup_seconds"] = start

        sample = folder / "full.jsonl"
        with paths["jsonl"].open("rb") as src, sample.open("wb") as dst:
            for _ in range(full_n):
                dst.write(src.readline())
        before = full_before(kb, sample, folder / "full_before.jsonl")
        after = full_after(kb, sample, folder / "full_after.jsonl")
        full_mb = (folder / "full_after.jsonl").stat().st_size / full_n / 1e3
        speedup = before / after
        frows: list[tuple[str, ...]] = [
            ("path", "seconds", "us/case"),
            (
                "before, in-process (json.dumps of to_dict)",
                f"{before:.2f}",
                f"{before / full_n * 1e6:.0f}",
            ),
            (
                "now, in-process (the CLI's run_batch)",
                f"{after:.2f}",
                f"{after / full_n * 1e6:.0f}",
            ),
        ]
        cli_args = ["assess", "--batch", str(sample), "--json", "--output"]
        now = run_cli([*cli_args, str(folder / "full_now_cli.jsonl")])
        now_cli = now["seconds"]
        frows.append(("now, `legwise assess`", f"{now_cli:.2f}", f"CPU {now['cpu_seconds']:.2f} s"))
        print(
            f"\n[c] full contract, {full_n:,} cases\n"
            + table(frows)
            + f"\n  {full_mb:.1f} KB a case; speed-up per case {speedup:.2f}x (in-process)"
        )
        if args.before is not None:  # the CLI as shipped against the code before
            from full_contract import compare, report

            cli = compare(args.before, paths["jsonl"], folder, full_n, args.full_runs)
            print("  the CLI before and now, in turn (bench/full_contract.py):\n" + report(cli))
            speedup = cli["speedup"]
            figures["full_cli"] = cli
        figures["full"] = {
            "cases": full_n,
            "before_s": before,
            "after_s": after,
            "kb_per_case": full_mb,
        }

        stages_cpu = parquet_stages(kb, paths["parquet"])
        srows: list[tuple[str, ...]] = [("stage", "CPU s per 1M")]
        srows += [(name, f"{took:.2f}") for name, took in stages_cpu.items()]
        total = sum(v for k, v in stages_cpu.items() if k != "of which causes order")
        srows.append(("all stages", f"{total:.2f}"))
        head = "\n[d] Parquet -> Parquet, CPU by stage (in-process, a worker's path)\n"
        print(head + table(srows))
        figures["parquet_stages_cpu_per_million"] = stages_cpu

        def at_1m(seconds: float) -> float:
            """A stage's time for 1,000,000 cases: start-up once, the rest per case."""
            if n == 1_000_000:
                return seconds
            return start + max(0.0, seconds - start) * 1_000_000 / n

        measured = {
            "jsonl_compact_seconds": at_1m(stage_figures["jsonl"]["seconds"]),
            "parquet_parquet_seconds": at_1m(stage_figures["parquet"]["seconds"]),
            "peak_memory_mb": max(m["peak_mb"] for m in stage_figures.values()),
            "full_speedup": speedup,
        }
        verdicts = {k: judge(measured[k], op, goal) for k, (_, op, goal, _) in TARGETS.items()}
        note = (
            ""
            if n == 1_000_000
            else f" (1M figures scaled from {n:,} cases: run without --quick to judge)"
        )
        trows: list[tuple[str, ...]] = [("target", "goal", "measured", "result")]
        for key, (label, op, goal, unit) in TARGETS.items():
            v = verdicts[key]
            trows.append(
                (label, f"{op} {goal:g} {unit}", f"{measured[key]:.2f} {unit}", v["result"])
            )
        print(f"\n[e] targets{note}\n" + table(trows))
        figures["load_after"] = os.getloadavg()
        print(f"  load average at the end: {figures['load_after'][0]:.2f} (2 cores)")
        figures["targets"] = verdicts
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finally:
        if args.keep:
            print(f"\nfiles kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
