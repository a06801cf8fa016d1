"""Knowledge loading: schema, loader and whole-knowledge checks."""

from legwise.kb.loader import Knowledge, load_knowledge

__all__ = ["Knowledge", "load_knowledge"]
