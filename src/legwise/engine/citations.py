"""One-line citations for people, made once per knowledge base.

Every result lists the sources it cites with their citation; building those strings (or
hashing pydantic Source models to look them up in a cache) on every request cost more than
scoring the case, so the compiled knowledge holds them ready, keyed by source id.
"""

from __future__ import annotations

from legwise.kb.schema import Source


def citation(src: Source) -> str:
    """A one-line citation for people: authors, title, venue, year, and a link if known."""
    parts = [p for p in (src.authors, src.title, src.venue, str(src.year)) if p]
    text = ". ".join(p.rstrip(".") for p in parts) + "."
    if src.doi:
        text += f" doi:{src.doi}"
    elif src.url:
        text += f" {src.url}"
    return text


def citations(sources: dict[str, Source]) -> dict[str, str]:
    """Source id -> its one-line citation, for every source."""
    return {ref: citation(src) for ref, src in sources.items()}
