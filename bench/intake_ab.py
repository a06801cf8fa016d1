"""CPU time of `legwise.intake.text.extract` in two source trees, text by text in alternation in
one process, so that a busy machine slows both alike (wall-clock figures on a shared machine
drift by more than a speed change is worth).

    cp -r src /tmp/base_src                      # before the change
    .venv/bin/python bench/intake_ab.py /tmp/base_src src --repeats 4

Texts: the speed texts of `bench/intake_eval.py` (the development sets). Per tree: CPU
microseconds per text and the median CPU ms per 100 words (the figure issue 12 sets a target
for; `intake_eval.py` reports it in wall-clock time). The order of the two trees alternates each
repeat. Prove first that the output is the same: `bench/intake_snapshot.py`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from intake_eval import load_sets  # bench/ is on the path when a script runs


def load(src: Path) -> tuple[Callable[..., Any], Any]:
    """`extract` and the knowledge of the legwise package under `src`, loaded and warmed."""
    for name in [k for k in sys.modules if k == "legwise" or k.startswith("legwise.")]:
        del sys.modules[name]  # the other tree's modules live on through its functions
    sys.path.insert(0, str(src))
    try:
        import legwise.intake.text as text
        import legwise.kb.loader as loader
    finally:
        sys.path.remove(str(src))
    if not Path(text.__file__ or "").resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"legwise was not imported from {src}")
    kb = loader.load_knowledge()
    text.extract("calf cramps at night", kb)
    return text.extract, kb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the source folder before the change")
    parser.add_argument("new", type=Path, help="the source folder after it")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    trees = {"base": load(args.base), "new": load(args.new)}
    sets = load_sets(None)
    texts = [t["text"] for t in sets.lay + sets.notes + sets.stems + sets.vignette_texts]
    per_100: dict[str, list[float]] = {name: [] for name in trees}
    total = dict.fromkeys(trees, 0.0)
    for r in range(args.repeats):
        order = list(trees) if r % 2 == 0 else list(trees)[::-1]
        for t in texts:
            words = max(1, len(t.split()))
            for name in order:
                extract, kb = trees[name]
                start = time.process_time_ns()
                extract(t, kb)
                ms = (time.process_time_ns() - start) / 1e6
                total[name] += ms
                per_100[name].append(ms * 100 / words)
    for name in trees:
        us = 1000 * total[name] / (args.repeats * len(texts))
        print(
            f"{name}: CPU {us:.0f} us per text, median {statistics.median(per_100[name]):.3f} "
            f"ms per 100 words ({len(texts)} texts x {args.repeats})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
