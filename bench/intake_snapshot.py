"""Snapshot of what `legwise.intake.text.extract` reads from every development text, to prove
that a speed change changes nothing.

    .venv/bin/python bench/intake_snapshot.py save /tmp/before.json
    .venv/bin/python bench/intake_snapshot.py compare /tmp/before.json   # exit 1 on any change

Texts: every string under a `text` key in tests/intake/*.yaml (the development sets and the
phrase tables) and in the demoted development folders own_heldout3..23 (never the held-out
folders), each also lower-cased, upper-cased and with its
sentences on separate lines, so that case and line breaks are covered too. The snapshot holds
the whole `TextResult.to_dict()` (items with their spans and rules, findings, age, sex, gaps).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from legwise.kb.loader import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "intake"
# development folders only (demoted held-out sets); the live held-out folders stay closed
DEV_FOLDERS = tuple(f"own_heldout{n}" for n in range(3, 24))


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        out = [node["text"]] if isinstance(node.get("text"), str) else []
        for value in node.values():
            out += _strings(value)
        return out
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def texts() -> list[str]:
    """The development texts and their variants, each once, in a fixed order."""
    base: list[str] = []
    paths = sorted(DATA.glob("*.yaml"))  # not the other subfolders: held-out sets stay closed
    for folder in DEV_FOLDERS:
        paths += sorted((DATA / folder).glob("*.yaml"))
    for path in paths:
        base += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    out: list[str] = []
    for t in base:
        out += [t, t.lower(), t.upper(), t.replace(". ", ".\n")]
    return list(dict.fromkeys(out))


def snapshot() -> dict[str, Any]:
    from legwise.intake.text import extract

    kb = load_knowledge()
    return {t: extract(t, kb).to_dict() for t in texts()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("save", "compare"))
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    now = snapshot()
    if args.mode == "save":
        args.path.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} texts saved to {args.path}")
        return 0
    before = json.loads(args.path.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(now))  # the same JSON round trip as the saved file
    changed = [t for t in sorted(set(before) | set(now)) if before.get(t) != now.get(t)]
    for t in changed[:10]:
        print(f"CHANGED: {t!r}\n  before: {before.get(t)}\n  now:    {now.get(t)}")
    print(f"{len(now)} texts, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
