"""What the benchmark scripts share: plain-text tables, the machine's name, and judging a
figure against its target."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

OPS = {"<": float.__lt__, "<=": float.__le__, ">=": float.__ge__}


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows as aligned columns: the first is a header, the first column is left-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
        if k == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def judge(value: float | None, op: str, goal: float) -> dict[str, Any]:
    """A figure against its target: {"goal", "measured", "result": PASS, MISS or SKIP}."""
    passed = value is not None and OPS[op](float(value), float(goal))
    result = "SKIP" if value is None else "PASS" if passed else "MISS"
    return {"goal": f"{op} {goal:g}", "measured": value, "result": result}


def cpu_name() -> str:
    """The processor's model and how many cpus this process can see."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip() + f" ({os.cpu_count()} cpus)"
    except OSError:
        pass
    return platform.processor() or "unknown cpu"
