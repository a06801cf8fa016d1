"""How long the first free text read in a new process takes (the free-text reader's build:
spaCy, the phrase matcher over some 600,000 phrases, the composition lexicon), in this tree and
optionally another, each in fresh processes, CPU and wall time.

    .venv/bin/python bench/text_startup.py --before /tmp/base_src --runs 3

CPU time (user + system of the child) is the figure to compare on a shared machine; wall time
is what a person waits for at a quiet one. `legwise serve` does this build at start-up in the
background (GET /readyz), so only the CLI and an app started another way wait for it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = (
    "import time\n"
    "from legwise.kb import load_knowledge\n"
    "kb = load_knowledge()\n"
    "from legwise.intake.text import extract\n"
    "t = time.perf_counter()\n"
    "extract('My left calf has been swollen and warm since yesterday.', kb)\n"
    "print(time.perf_counter() - t)\n"
)


def run(src: Path) -> tuple[float, float]:
    """(wall seconds of the first text, CPU seconds of the whole child) in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(out.stdout.strip().splitlines()[-1]), cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree's src/ to compare")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    trees = {"now": ROOT / "src"}
    if args.before is not None:
        trees = {"before": args.before, **trees}
    for _ in range(args.runs):
        for name, src in trees.items():  # in turn, so a busy spell slows both alike
            wall, cpu = run(src)
            print(f"{name:6} first text {wall:6.2f} s wall; process CPU {cpu:6.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
