"""The Wells back-off readers of round 15 (hW15, issue 12), behind one entry point so that the
main Wells module (`legwise.intake.wells`, near its size limit and shared with the speed work)
gains one call only.

- `wells_forms`: a form's lines read by their shape when the readers have no words for their
  answers or labels ("Actieve maligniteit ...... nee", "既往DVT: 否");
- `wells_dialogue`: a question that names an item answered on the line after it ("Bot: Is the
  entire leg swollen?" / "Clinician: nope"): the question is never a finding;
- `band_only` (`wells_compare`): "Total 1 -> DVT unlikely" is the score's band, not the item.
"""

from __future__ import annotations

from legwise.intake.wells_compare import band_only
from legwise.intake.wells_dialogue import read_dialogue
from legwise.intake.wells_forms import read_forms
from legwise.intake.wells_table import Tables

__all__ = ["band_only", "read_backoff"]


def read_backoff(text: str, tables: Tables) -> None:
    """Add to `tables` what the back-off readers answer."""
    if text.count("\n") >= 3:  # a form is four lines or more (a cheap gate first)
        read_forms(text, tables)
    if "?" in text:
        read_dialogue(text, tables)
