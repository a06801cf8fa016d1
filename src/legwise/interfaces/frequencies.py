"""Probabilities as natural frequencies, the same words on the web and at the terminal.

"About 3 in 10 people with these answers" is read correctly far more often than "30%", and
it says the number is about people like this one, not a verdict on this person.
"""

from __future__ import annotations


def in_ten(p: float) -> str:
    """e.g. 0.31 -> "about 3 in 10"; small ones in 100 so they do not round to nothing."""
    if p < 0.01:
        return "fewer than 1 in 100"
    if p < 0.095:
        return f"about {round(p * 100)} in 100"
    if p > 0.95:
        return "more than 9 in 10"
    return f"about {round(p * 10)} in 10"
