"""CPU time per stage of `legwise.intake.text.extract` over the development speed texts, without
a profiler (cProfile adds a fixed cost to every Python call, so it inflates the many small
readers and hides where the time of a short text really goes).

    .venv/bin/python bench/intake_stages.py                       # the stages extract calls
    .venv/bin/python bench/intake_stages.py --kind lay --within wells,numbers,phrase_pipeline

Each legwise function a module calls by name (by default the orchestration,
`legwise.intake.text`) is wrapped for the run in a CPU timer (`time.process_time_ns`): the
table gives its microseconds per text, inclusive (a stage called inside another counts in both,
and a stage of a text read again, as `normal_lists` reads its lists, counts in the stage that
read it too). `--within` adds the functions those modules call. One warm pass first (spaCy's
and the readers' caches), then the measured pass. Texts: as `bench/intake_ab.py`, the
development sets only (tests/intake/*.yaml); `--kind` keeps one kind of them.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from intake_eval import load_sets  # bench/ is on the path when a script runs

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("lay", "notes", "stems", "vignette_texts")


def _timed(key: str, f: Callable[..., Any], spent: Counter[str]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time_ns()
        try:
            return f(*args, **kwargs)
        finally:
            spent[key] += time.process_time_ns() - start

    return timed


def wrap(modules: list[str], spent: Counter[str]) -> list[tuple[Any, str, Any]]:
    """Wrap every legwise function each module (`legwise.intake.<name>`) calls by name, its own
    and those it imports (not `extract` itself); the (module, name, function) to put back."""
    undo: list[tuple[Any, str, Any]] = []
    for name in modules:
        module = importlib.import_module(f"legwise.intake.{name}")
        for attr, f in list(vars(module).items()):
            home = getattr(f, "__module__", None) or ""
            if (
                isinstance(f, types.FunctionType)
                and home.startswith("legwise")
                and attr != "extract"
            ):
                key = attr if name == "text" else f"{name} -> {attr}"
                undo.append((module, attr, f))
                setattr(module, attr, _timed(key, f, spent))
    return undo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=KINDS, help="only the texts of this kind")
    parser.add_argument("--within", default="", help="more modules, e.g. wells,numbers")
    parser.add_argument("--top", type=int, default=40, help="rows to print")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    import legwise.intake.text as text
    from legwise.kb.loader import load_knowledge

    kb = load_knowledge()
    sets = load_sets(None)
    texts = [t["text"] for k in (args.kind,) if k for t in getattr(sets, k)] or [
        t["text"] for k in KINDS for t in getattr(sets, k)
    ]
    for t in texts:  # the warm pass
        text.extract(t, kb)
    spent: Counter[str] = Counter()
    undo = wrap(["text", *filter(None, args.within.split(","))], spent)
    per_100: list[float] = []
    total = 0
    try:
        for t in texts:
            start = time.process_time_ns()
            text.extract(t, kb)
            ns = time.process_time_ns() - start
            total += ns
            per_100.append(ns / 1e6 * 100 / max(1, len(t.split())))
    finally:
        for module, attr, f in undo:
            setattr(module, attr, f)
    n = len(texts)
    print(
        f"{n} texts ({args.kind or 'all kinds'}): CPU {total / n / 1e3:.0f} us per text, median "
        f"{statistics.median(per_100):.3f} ms per 100 words (with the timers' own cost)"
    )
    print(f"{'stage (inclusive)':44} {'us/text':>8} {'share':>6}")
    for key, ns in spent.most_common(args.top):
        print(f"{key:44} {ns / n / 1e3:8.1f} {ns / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
