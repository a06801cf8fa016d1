"""How on/off flags show in `--help`: with no type after them."""

from __future__ import annotations

from typing import Any


def flags_without_a_type() -> None:
    """Typer 0.29 shows every on/off flag as `--json <bool>` in --help, which reads as if the
    flag took a value. A flag takes none: show no type for it (options keep theirs)."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich
    if getattr(shown, "legwise_flags", False):
        return

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        if self.is_flag and self.metavar is None:
            return None
        return shown(self, ctx)

    display_type_rich.legwise_flags = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]
