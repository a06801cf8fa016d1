"""Free-text reading under changes of surface form (issue 12): metamorphic agreement.

    .venv/bin/python bench/intake_surface.py                 # every transform, every dev text
    .venv/bin/python bench/intake_surface.py lower typos     # some transforms
    .venv/bin/python bench/intake_surface.py --show 5        # and 5 changed readings each
    .venv/bin/python bench/intake_surface.py --mixes 2       # 2 random mixes per text too

Every development text (tests/intake/*.yaml and the demoted own_heldout3, 4 and 5; never a frozen
held-out folder) is read as written and after each meaning-preserving rewrite in
tests/intake/surface_forms.py (lower case, ALL CAPS, no punctuation, no apostrophes, typos,
number words, the other spelling, filler, emojis, extra spaces, line breaks, run-on sentences).
Per transform: how many texts it altered and the share of those whose reading (findings with
values, age, sex) stayed the same. `--mixes N` also reads N random mixes of 2-4 transforms
per text. tests/intake/test_surface_forms.py asserts a floor per transform.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests/intake/surface_forms.py holds the transforms

from legwise.intake.text import extract  # noqa: E402
from legwise.kb.loader import Knowledge, load_knowledge  # noqa: E402
from tests.intake.surface_forms import TRANSFORMS, apply, dev_texts, reading, seeded  # noqa: E402

MIX = "mix"


@dataclass
class Tally:
    altered: int = 0
    same: int = 0
    changed: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.same / self.altered if self.altered else 1.0


def mixes(key: str, n: int) -> list[tuple[str, ...]]:
    """`n` random mixes of 2-4 transforms for one text (fixed per text)."""
    out = []
    names = sorted(TRANSFORMS)
    for salt in range(n):
        rng = seeded(MIX, key, salt)
        out.append(tuple(rng.sample(names, rng.randint(2, 4))))
    return out


def measure(kb: Knowledge, names: list[str], n_mixes: int = 0) -> dict[str, Tally]:
    """Per transform (and "mix"), the texts it altered and whether each reading held."""
    tallies = {name: Tally() for name in names}
    if n_mixes:
        tallies[MIX] = Tally()
    for key, text in dev_texts():
        base = reading(extract(text, kb))
        runs = [((name,), name, 0) for name in names]
        runs += [(combo, MIX, salt) for salt, combo in enumerate(mixes(key, n_mixes))]
        for combo, label, salt in runs:
            new_text = apply(combo, text, key, salt)
            if new_text == text:
                continue
            tally = tallies[label]
            tally.altered += 1
            new = reading(extract(new_text, kb))
            if new == base:
                tally.same += 1
            else:
                tally.changed.append((key, new_text, base, new))
    return tallies


def _diff(base: Any, new: Any) -> str:
    a, b = dict(base[0]), dict(new[0])
    parts = [f"-{k}={a[k]}" for k in sorted(a) if b.get(k) != a[k]]
    parts += [f"+{k}={b[k]}" for k in sorted(b) if a.get(k) != b[k]]
    for i, what in ((1, "age"), (2, "sex")):
        if base[i] != new[i]:
            parts.append(f"{what} {base[i]}->{new[i]}")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("transforms", nargs="*", help=f"default: all of {', '.join(TRANSFORMS)}")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="N changed readings each")
    ap.add_argument("--mixes", type=int, default=0, metavar="N", help="N random mixes per text")
    args = ap.parse_args(argv)
    names = args.transforms or list(TRANSFORMS)
    unknown = [n for n in names if n not in TRANSFORMS]
    if unknown:
        ap.error(f"unknown transform(s): {', '.join(unknown)}")
    tallies = measure(load_knowledge(), names, args.mixes)
    print(f"{'transform':<16} {'altered':>7} {'same':>6} {'agree':>7}")
    for name, t in tallies.items():
        print(f"{name:<16} {t.altered:>7} {t.same:>6} {t.share:>7.1%}")
    for name, t in tallies.items():
        for key, new_text, base, new in t.changed[: args.show]:
            print(f"\n[{name}] {key}: {_diff(base, new)}\n  {new_text[:300]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
