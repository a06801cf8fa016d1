"""Load scripts from bench/ (not a package) as modules the tests can call."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_bench(script: str) -> ModuleType:
    """Import bench/<script>.py once, under a private module name."""
    name = f"legwise_bench_{script}"
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # the scripts share bench/tables.py
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{script}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module
